/**
 * The runbook's "Backup Pinecone data" step: when Pinecone is the active vector store, its
 * vectors and metadata are exported through the API into the archive
 * (`data/pinecone-vectors.jsonl`), and re-upserted on restore.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { PropoConfig } from '../../../core/config/index.ts';
import { createEmbedder } from '../../../providers/embedders/create-embedder.ts';
import { createPineconeStoreFromConfig, exportPineconeVectors, restorePineconeVectors } from '../../../providers/stores/pinecone/index.ts';
import { DocumentRepository, openDatabase } from '../../../providers/stores/sqlite/index.ts';
import { activeProvider } from '../../migrate.ts';

export const PINECONE_EXPORT_FILE = 'pinecone-vectors.jsonl';

function isPineconeActive(config: Pick<PropoConfig, 'vectorStore'>, sqliteFile: string): boolean {
  if (!existsSync(sqliteFile)) return config.vectorStore.provider === 'pinecone';
  const db = openDatabase(sqliteFile, { readonly: true });
  try {
    return activeProvider({ dataDir: dirname(sqliteFile), vectorStore: config.vectorStore }, new DocumentRepository(db)) === 'pinecone';
  } finally {
    db.close();
  }
}

async function openPinecone(config: Pick<PropoConfig, 'dataDir' | 'vectorStore' | 'embedder'>) {
  const embedder = createEmbedder(config.embedder, { dataDir: config.dataDir });
  const store = createPineconeStoreFromConfig(config);
  await store.open({ embedder: embedder.name, dimensions: embedder.dimensions });
  return store;
}

/** Exports Pinecone vectors into `<stagingData>/pinecone-vectors.jsonl` when Pinecone is active; returns the count or null. */
export async function backupPineconeIfActive(config: Pick<PropoConfig, 'dataDir' | 'vectorStore' | 'embedder'>, stagingData: string): Promise<number | null> {
  if (!isPineconeActive(config, join(config.dataDir, 'propo.sqlite'))) return null;
  const store = await openPinecone(config);
  try {
    const out = createWriteStream(join(stagingData, PINECONE_EXPORT_FILE));
    const report = await exportPineconeVectors(store, out);
    out.end();
    await finished(out);
    return report.vectors;
  } finally {
    await store.close();
  }
}

/** Re-upserts the archive's Pinecone export after the data dir was restored; returns the count or null. */
export async function restorePineconeIfPresent(config: Pick<PropoConfig, 'dataDir' | 'vectorStore' | 'embedder'>, restoredData: string): Promise<number | null> {
  const file = join(restoredData, PINECONE_EXPORT_FILE);
  if (!existsSync(file)) return null;
  const store = await openPinecone(config);
  try {
    return (await restorePineconeVectors(store, createReadStream(file))).vectors;
  } finally {
    await store.close();
  }
}
