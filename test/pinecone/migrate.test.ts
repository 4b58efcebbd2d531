/** `bin/propo migrate` both ways (lancedb → pinecone → lancedb) through the local Pinecone server, with interrupted runs. */
import { assertSameRecords } from '../../src/testing/assert-records.ts';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIVE_PROVIDER_KEY, MIGRATION_CHECKPOINT_KEY, migrate, migrateVectors, readCheckpoint, type MigrationMeta } from '../../src/app/migrate.ts';
import { ACTIVE_TABLE_KEY } from '../../src/app/reindex.ts';
import { configSchema, type PropoConfig } from '../../src/core/config/index.ts';
import type { VectorRecord } from '../../src/core/domain/index.ts';
import type { VectorStore } from '../../src/core/ports/index.ts';
import { createEmbedder } from '../../src/providers/embedders/create-embedder.ts';
import { createLanceDbStore } from '../../src/providers/stores/lancedb/index.ts';
import { DocumentRepository, openDatabase } from '../../src/providers/stores/sqlite/index.ts';
import { startPineconeLocalServer, type PineconeLocalServer } from '../../src/testing/pinecone-local-server.ts';

const DIMS = 16;
let server: PineconeLocalServer;
let dataDir: string;
let config: PropoConfig;
const fast = { retryBaseMs: 5, retryMaxMs: 20, maxRetries: 1, pollMs: 10 };

function records(): VectorRecord[] {
  return Array.from({ length: 230 }, (_, i) => ({
    id: `prop_${String(i).padStart(3, '0')}`, documentId: `doc_${i % 3}`, namespace: i % 2 === 0 ? 'default' : 'team-b',
    text: `statement ${i} about glaciers and valleys`, vector: Float32Array.from({ length: DIMS }, (_, d) => Math.sin(i * 7 + d) + 0.1),
    unit: 'proposition', page: 1 + (i % 4), start: i, end: i + 20, paragraphId: `par_${i % 10}`, file: `f${i % 3}.txt`, expert: i % 5 === 0 ? 'law' : null,
  }));
}

function meta(): { repository: DocumentRepository; close: () => void } {
  const db = openDatabase(join(dataDir, 'propo.sqlite'));
  return { repository: new DocumentRepository(db), close: () => db.close() };
}

before(async () => {
  server = await startPineconeLocalServer();
  dataDir = await mkdtemp(join(tmpdir(), 'propo-migrate-'));
  config = configSchema.parse({
    dataDir, embedder: { provider: 'hash', dimensions: DIMS },
    vectorStore: { provider: 'lancedb', pinecone: { apiKey: server.apiKey, index: 'migrated', controllerHost: server.controllerHostUrl } },
  });
  const embedder = createEmbedder(config.embedder, { dataDir });
  const lance = createLanceDbStore({ dir: join(dataDir, 'lancedb') });
  await lance.open({ embedder: embedder.name, dimensions: embedder.dimensions });
  await lance.upsert(records());
  await lance.close();
  meta().close(); // creates the SQLite schema
});
after(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

void describe('migrate', () => {
  void it('lancedb → pinecone: an aborted run keeps the store, a rerun resumes, verifies and switches', async () => {
    const controller = new AbortController();
    await assert.rejects(migrate(config, 'pinecone', {
      batchSize: 50, pinecone: fast, signal: controller.signal,
      onProgress: ({ phase, done }) => { if (phase === 'copy' && done >= 100) controller.abort(); },
    }), { code: 'PROPO_ERR_ABORTED' });
    let state = meta();
    assert.equal(state.repository.getMeta(ACTIVE_PROVIDER_KEY), null, 'not switched before verification');
    assert.equal(readCheckpoint(state.repository)?.done, 2);
    state.close();
    assert.equal(server.vectorCount('migrated'), 100);

    const report = await migrate(config, 'pinecone', { batchSize: 50, pinecone: fast });
    assert.deepEqual({ records: report.records, batches: report.batches, skipped: report.skippedBatches }, { records: 230, batches: 5, skipped: 2 });
    assert.equal(report.sampled, 25);
    assert.equal(server.vectorCount('migrated'), 230);
    assert.equal(server.vectorCount('migrated', 'team-b'), 115);
    state = meta();
    assert.equal(state.repository.getMeta(ACTIVE_PROVIDER_KEY), 'pinecone');
    assert.equal(state.repository.getMeta(MIGRATION_CHECKPOINT_KEY), '');
    state.close();
    await assert.rejects(migrate(config, 'pinecone', { pinecone: fast }), { code: 'PROPO_ERR_VALIDATION' });
  });

  void it('pinecone → lancedb: a Pinecone outage mid-way fails typed, a rerun resumes into the same new table', async () => {
    server.injectFault({ path: '/vectors/fetch_by_metadata', status: 500, skip: 6, times: 50 });
    await assert.rejects(migrate(config, 'lancedb', { batchSize: 50, pinecone: fast }), { code: 'PROPO_ERR_PINECONE' });
    server.clearFaults();
    let state = meta();
    const checkpoint = readCheckpoint(state.repository);
    assert.ok(checkpoint !== null && checkpoint.done >= 1 && checkpoint.done < 5, `checkpoint ${JSON.stringify(checkpoint)}`);
    assert.equal(state.repository.getMeta(ACTIVE_PROVIDER_KEY), 'pinecone');
    state.close();

    const report = await migrate(config, 'lancedb', { batchSize: 50, pinecone: fast });
    assert.equal(report.skippedBatches, checkpoint.done);
    assert.equal(report.table, checkpoint.targetTable);
    state = meta();
    assert.equal(state.repository.getMeta(ACTIVE_PROVIDER_KEY), 'lancedb');
    assert.equal(state.repository.getMeta(ACTIVE_TABLE_KEY), report.table);
    state.close();

    const embedder = createEmbedder(config.embedder, { dataDir });
    const lance = createLanceDbStore({ dir: join(dataDir, 'lancedb'), table: report.table as string });
    await lance.open({ embedder: embedder.name, dimensions: embedder.dimensions });
    try {
      assert.equal(await lance.count(), 230);
      const originals = records();
      const back = await lance.fetch(originals.map((r) => r.id));
      assertSameRecords(back, originals, 1e-5);
    } finally {
      await lance.close();
    }
  });

  void it('refuses to switch when verification finds a missing record (PROPO_ERR_MIGRATION)', async () => {
    const source = createLanceDbStore({ dir: join(dataDir, 'lancedb') });
    const target = createLanceDbStore({ dir: join(dataDir, 'lancedb'), table: 'lossy' });
    const identity = { embedder: createEmbedder(config.embedder, { dataDir }).name, dimensions: DIMS };
    await source.open(identity);
    await target.open(identity);
    const lossy: VectorStore = {
      name: 'lossy', open: (id) => target.open(id), close: () => target.close(), health: () => target.health(),
      upsert: (batch) => target.upsert(batch.filter((r) => r.id !== 'prop_007')),
      deleteByDocument: (doc, ns) => target.deleteByDocument(doc, ns), searchDense: (v, k, f) => target.searchDense(v, k, f),
      searchText: (t, k, f) => target.searchText(t, k, f), count: (f) => target.count(f), listIds: (f) => target.listIds(f),
      fetch: (ids) => target.fetch(ids), listDocumentIds: () => target.listDocumentIds(),
    };
    const store = new Map<string, string>();
    const memory: MigrationMeta = { getMeta: (key) => store.get(key) ?? null, setMeta: (key, value) => { store.set(key, value); } };
    try {
      await assert.rejects(migrateVectors({ source, target: lossy, meta: memory, from: 'a', to: 'b', settleMs: 0 }), { code: 'PROPO_ERR_MIGRATION' });
      assert.equal(readCheckpoint(memory)?.done, 3, 'the checkpoint stays for a rerun');
    } finally {
      await source.close();
      await target.close();
    }
  });
});
