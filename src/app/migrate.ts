/**
 * `bin/propo migrate --to sqlite|lancedb|pinecone`: copies every vector record from the active store to the
 * other one (listIds + fetch in batches, upsert), verifies (same id set, a random sample of vectors with
 * cosine ≈ 1 and equal metadata), and only then switches the active provider (SQLite meta
 * `vectors.provider`, read by the composition root). Each finished batch is checkpointed in meta
 * `vectors.migration`, so an interrupted run (abort, crash, Pinecone outage) resumes where it stopped.
 * A local target (SQLite, LanceDB) is a new table (switched via `vectors.table`), so the old table stays until verified.
 * A data dir written by a version whose default was LanceDB keeps reading LanceDB until migrated (decision 0010).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PropoConfig } from '../core/config/index.ts';
import type { VectorRecord } from '../core/domain/index.ts';
import { PropoError } from '../core/errors/index.ts';
import type { IndexIdentity, VectorStore } from '../core/ports/index.ts';
import { abortableSleep } from '../core/resilience/index.ts';
import { Bm25Encoder } from '../core/sparse/index.ts';
import { createEmbedder } from '../providers/embedders/create-embedder.ts';
import type { PineconeStoreOptions } from '../providers/stores/pinecone/index.ts';
import { DocumentRepository, openDatabase } from '../providers/stores/sqlite/index.ts';
import { ACTIVE_TABLE_KEY } from './reindex.ts';
import { createVectorStore } from './create-vector-store.ts';

/** Meta key naming the active vector store provider; absent = `config.vectorStore.provider`. */
export const ACTIVE_PROVIDER_KEY = 'vectors.provider';
/** Meta key holding the checkpoint of an unfinished migration (JSON; '' = none). */
export const MIGRATION_CHECKPOINT_KEY = 'vectors.migration';

export const VECTOR_PROVIDERS = ['sqlite', 'lancedb', 'pinecone'] as const;
export type VectorProvider = typeof VECTOR_PROVIDERS[number];

export interface MigrationProgress { phase: 'copy' | 'verify'; done: number; total: number }

export interface MigrationMeta {
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
}

export interface MigrationCheckpoint { from: string; to: string; digest: string; batchSize: number; done: number; targetTable?: string }

export interface MigrateVectorsOptions {
  source: VectorStore;
  target: VectorStore;
  meta: MigrationMeta;
  /** Identifies the run in the checkpoint (e.g. `lancedb` → `pinecone`). */
  from: string;
  to: string;
  batchSize?: number;
  /** Records compared vector-by-vector after the copy (default 25). */
  sampleSize?: number;
  /** How long verification waits for an eventually consistent target to show every record (default 30 s). */
  settleMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
  random?: () => number;
  /** Extra fields kept in the checkpoint (e.g. the target table). */
  checkpointExtra?: Pick<MigrationCheckpoint, 'targetTable'>;
}

export interface MigrationReport { from: string; to: string; records: number; batches: number; skippedBatches: number; sampled: number; seconds: number; table?: string }

/** Reads the checkpoint of an unfinished migration, if any. */
export function readCheckpoint(meta: MigrationMeta): MigrationCheckpoint | null {
  const raw = meta.getMeta(MIGRATION_CHECKPOINT_KEY);
  if (raw === null || raw === '') return null;
  try {
    return JSON.parse(raw) as MigrationCheckpoint;
  } catch {
    return null;
  }
}

/** Copies and verifies (both stores open). Resumes from a matching checkpoint; clears it when verified. */
export async function migrateVectors(options: MigrateVectorsOptions): Promise<Omit<MigrationReport, 'seconds' | 'table'>> {
  const { source, target, meta, from, to, signal } = options;
  const batchSize = options.batchSize ?? 100;
  const ids = (await source.listIds()).sort();
  const digest = createHash('sha256').update(ids.join('\n')).digest('hex');
  const previous = readCheckpoint(meta);
  const resume = previous !== null && previous.from === from && previous.to === to && previous.digest === digest && previous.batchSize === batchSize;
  const skippedBatches = resume ? previous.done : 0;
  const batches = Math.ceil(ids.length / batchSize);
  for (let batch = skippedBatches; batch < batches; batch += 1) {
    if (signal?.aborted) throw new PropoError('PROPO_ERR_ABORTED', `Migration stopped after ${batch} of ${batches} batches. Run the same command again to resume.`);
    const records = await source.fetch(ids.slice(batch * batchSize, (batch + 1) * batchSize));
    await target.upsert(records);
    const checkpoint: MigrationCheckpoint = { from, to, digest, batchSize, done: batch + 1, ...options.checkpointExtra };
    meta.setMeta(MIGRATION_CHECKPOINT_KEY, JSON.stringify(checkpoint));
    options.onProgress?.({ phase: 'copy', done: Math.min(ids.length, (batch + 1) * batchSize), total: ids.length });
  }
  const sampled = await verify(options, ids);
  meta.setMeta(MIGRATION_CHECKPOINT_KEY, '');
  return { from, to, records: ids.length, batches, skippedBatches, sampled };
}

async function verify(options: MigrateVectorsOptions, ids: string[]): Promise<number> {
  const { source, target } = options;
  const fail = (what: string): never => {
    throw new PropoError('PROPO_ERR_MIGRATION', `Migration ${options.from} → ${options.to} failed verification: ${what}. The active store was not switched; run the command again (it resumes) or empty the target first.`);
  };
  const deadline = Date.now() + (options.settleMs ?? 30_000);
  while ((await target.count()) < ids.length && Date.now() < deadline) await abortableSleep(500, options.signal);
  const targetIds = new Set(await target.listIds());
  const missing = ids.filter((id) => !targetIds.has(id));
  if (missing.length > 0) fail(`${missing.length} of ${ids.length} records are missing in the target (e.g. ${missing[0]})`);
  if (targetIds.size !== ids.length) fail(`the target holds ${targetIds.size - ids.length} records that are not in the source`);
  const random = options.random ?? Math.random;
  const pool = [...ids];
  const sample: string[] = [];
  while (sample.length < Math.min(options.sampleSize ?? 25, ids.length)) sample.push(...pool.splice(Math.floor(random() * pool.length), 1));
  const [expected, actual] = await Promise.all([source.fetch(sample), target.fetch(sample)]);
  const copies = new Map(actual.map((record) => [record.id, record]));
  for (const original of expected) {
    const copy = copies.get(original.id) ?? fail(`record ${original.id} cannot be fetched from the target`);
    if (cosine(original.vector, copy.vector) < 0.9999) fail(`the vector of ${original.id} differs (cosine ${cosine(original.vector, copy.vector).toFixed(6)})`);
    const difference = metadataDifference(original, copy);
    if (difference !== null) fail(`the ${difference} of ${original.id} differs`);
  }
  options.onProgress?.({ phase: 'verify', done: sample.length, total: sample.length });
  return sample.length;
}

function metadataDifference(original: VectorRecord, copy: VectorRecord): string | null {
  for (const key of ['documentId', 'namespace', 'unit', 'page', 'start', 'end', 'paragraphId', 'file'] as const) {
    if (original[key] !== copy[key]) return key;
  }
  if ((original.expert ?? null) !== (copy.expert ?? null)) return 'expert';
  // Pinecone keeps at most ~20 KB of text per record (40 KB metadata limit): a cut copy is a prefix.
  const cut = copy.text.length < original.text.length && Buffer.byteLength(original.text) > 20_000 && original.text.startsWith(copy.text);
  return original.text === copy.text || cut ? null : 'text';
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, normA = 0, normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    dot += x * y; normA += x * x; normB += y * y;
  }
  if (a.length !== b.length) return 0;
  return normA === 0 && normB === 0 ? 1 : dot / Math.sqrt(normA * normB);
}

export interface MigrateOptions {
  batchSize?: number;
  sampleSize?: number;
  settleMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
  /** Extra Pinecone store options (tests: fast retries). */
  pinecone?: Partial<PineconeStoreOptions>;
}

/**
 * The active provider: the migrated-to one recorded in meta, else the configured one, except that
 * a data dir holding LanceDB tables from before the SQLite default keeps LanceDB until migrated.
 */
export function activeProvider(config: Pick<PropoConfig, 'dataDir' | 'vectorStore'>, meta: MigrationMeta): VectorProvider {
  const stored = meta.getMeta(ACTIVE_PROVIDER_KEY);
  if ((VECTOR_PROVIDERS as readonly string[]).includes(stored ?? '')) return stored as VectorProvider;
  const lanceDir = join(config.dataDir, 'lancedb');
  if (config.vectorStore.provider === 'sqlite' && existsSync(lanceDir) && readdirSync(lanceDir).length > 0) return 'lancedb';
  return config.vectorStore.provider;
}

/** Migrates the active vector store to `to` and switches to it after verification. */
export async function migrate(config: PropoConfig, to: VectorProvider, options: MigrateOptions = {}): Promise<MigrationReport> {
  const started = Date.now();
  const db = openDatabase(join(config.dataDir, 'propo.sqlite'));
  const documents = new DocumentRepository(db);
  const embedder = createEmbedder(config.embedder, { dataDir: config.dataDir });
  const identity: IndexIdentity = { embedder: embedder.name, dimensions: embedder.dimensions };
  const from = activeProvider(config, documents);
  const stores: VectorStore[] = [];
  try {
    if (from === to) throw new PropoError('PROPO_ERR_VALIDATION', `The active vector store is already ${to}. Nothing to migrate.`);
    const checkpoint = readCheckpoint(documents);
    const resuming = checkpoint !== null && checkpoint.from === from && checkpoint.to === to;
    const targetTable = to !== 'pinecone' ? (resuming && checkpoint.targetTable ? checkpoint.targetTable : `propositions_${Date.now().toString(36)}`) : undefined;
    const local = (provider: VectorProvider, table: string) => createVectorStore(config, table, provider);
    // A fresh Pinecone copy refits BM25 statistics from the records it receives (a resumed one keeps the saved ones).
    const pinecone = async () => (await import('../providers/stores/pinecone/index.ts')).createPineconeStoreFromConfig(config, { ...(to === 'pinecone' && !resuming ? { encoder: new Bm25Encoder() } : {}), ...options.pinecone });
    const source = await (from !== 'pinecone' ? local(from, documents.getMeta(ACTIVE_TABLE_KEY) ?? 'propositions') : pinecone());
    const target = await (to !== 'pinecone' ? local(to, targetTable as string) : pinecone());
    stores.push(source, target);
    await source.open(identity);
    await target.open(identity);
    const report = await migrateVectors({
      source, target, meta: documents, from, to,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.sampleSize ? { sampleSize: options.sampleSize } : {}),
      ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}), ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(targetTable ? { checkpointExtra: { targetTable } } : {}),
    });
    if (targetTable !== undefined) documents.setMeta(ACTIVE_TABLE_KEY, targetTable);
    documents.setMeta(ACTIVE_PROVIDER_KEY, to);
    return { ...report, seconds: (Date.now() - started) / 1000, ...(targetTable ? { table: targetTable } : {}) };
  } finally {
    for (const store of stores) await store.close().catch(() => undefined);
    await embedder.close?.();
    db.close();
  }
}
