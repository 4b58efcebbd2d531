/**
 * Rebuilds the vector index with the configured embedder into a NEW table, then switches the
 * active table (SQLite meta `vectors.table`) only when the new one is complete; searches keep
 * using the old table until then. Used when the embedder changes (PROPO_ERR_EMBEDDER_MISMATCH).
 */
import { join } from 'node:path';
import type { PropoConfig } from '../core/config/index.ts';
import { embedMany } from '../core/embed/index.ts';
import { indexedUnits } from '../core/retrieval/indexed-units.ts';
import type { VectorRecord } from '../core/domain/index.ts';
import { resolveEmbedder } from '../providers/embedders/resolve-embedder.ts';
import type { ModelDownloadProgress } from '../providers/embedders/transformers/fetch-model.ts';
import { DocumentRepository, openDatabase } from '../providers/stores/sqlite/index.ts';
import { createVectorStore } from './create-vector-store.ts';
import { activeProvider } from './migrate.ts';

export const ACTIVE_TABLE_KEY = 'vectors.table';

export interface ReindexReport { table: string; previous: string; records: number; embedder: string; seconds: number }

/**
 * With EMBEDDER=auto the embedder is resolved as at start-up (downloading the model if it can), so this is also
 * how a BM25-only index gets its semantic vectors once the model is available.
 */
export async function reindex(
  config: PropoConfig,
  onProgress?: (done: number, total: number) => void,
  onModelDownload?: (progress: ModelDownloadProgress) => void,
): Promise<ReindexReport> {
  const started = Date.now();
  const db = openDatabase(join(config.dataDir, 'propo.sqlite'));
  const documents = new DocumentRepository(db);
  const { embedder } = await resolveEmbedder(config.embedder, { dataDir: config.dataDir, ...(onModelDownload ? { onProgress: onModelDownload } : {}) });
  const previous = documents.getMeta(ACTIVE_TABLE_KEY) ?? 'propositions';
  const table = `propositions_${Date.now().toString(36)}`;
  const provider = activeProvider(config, documents);
  const store = await createVectorStore(config, table, provider);
  try {
    await store.open({ embedder: embedder.name, dimensions: embedder.dimensions, ...(embedder.placeholderVectors ? { placeholderVectors: true } : {}) });
    const docs = documents.list({ namespace: config.namespace });
    const total = docs.reduce((n, d) => n + (indexedUnits(config.retrieval).includes('proposition') ? d.propositions : 0) + (indexedUnits(config.retrieval).includes('paragraph') ? documents.paragraphs(d.id).length : 0), 0);
    let done = 0;
    for (const doc of docs) {
      const wanted = indexedUnits(config.retrieval);
      const units: Array<Omit<VectorRecord, 'vector'>> = [
        ...(wanted.includes('proposition') ? documents.propositions(doc.id).map((p) => ({ id: p.id, documentId: doc.id, namespace: doc.namespace, text: p.text, unit: 'proposition' as const, page: p.page, start: p.start, end: p.end, paragraphId: p.paragraphId, file: doc.file, expert: p.expert ?? null })) : []),
        ...(wanted.includes('paragraph') ? documents.paragraphs(doc.id).map((p) => ({ id: p.id, documentId: doc.id, namespace: doc.namespace, text: p.text, unit: 'paragraph' as const, page: p.page, start: p.start, end: p.end, paragraphId: p.id, file: doc.file, expert: null })) : []),
      ];
      const vectors = await embedMany(embedder, units.map((u) => u.text));
      await store.upsert(units.map((u, i) => ({ ...u, vector: vectors[i] as Float32Array })));
      done += units.length;
      onProgress?.(done, total);
    }
    documents.setMeta(ACTIVE_TABLE_KEY, table);
    if (provider === 'sqlite') (await import('../providers/stores/sqlite-index/index.ts')).dropSqliteVectorTables({ file: join(config.dataDir, 'propo.sqlite'), table: previous });
    else {
      const { dropTable, paragraphTableOf } = await import('../providers/stores/lancedb/index.ts');
      for (const old of [previous, paragraphTableOf(previous)]) await dropTable(join(config.dataDir, 'lancedb'), old).catch(() => undefined);
    }
    return { table, previous, records: done, embedder: embedder.name, seconds: (Date.now() - started) / 1000 };
  } finally {
    await store.close();
    await embedder.close?.();
    db.close();
  }
}
