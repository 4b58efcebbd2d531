import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import type { VectorRecord } from '../../../core/domain/index.ts';
import { createLanceDbStore, dropTable, listTables, type LanceDbStoreOptions } from './index.ts';

const identity = { embedder: 'test-embedder', dimensions: 16 };
const tempDir = tempDirsRemovedAfter('propo-lancedb-store-');

let seed = 1;
function random(): number {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647 - 0.5;
}

function record(id: string, overrides: Partial<VectorRecord> = {}): VectorRecord {
  return {
    id, documentId: 'doc_1', namespace: 'default', text: `filler text ${id}`,
    vector: Float32Array.from({ length: identity.dimensions }, random), unit: 'proposition',
    page: 1, start: 0, end: 5, paragraphId: 'par_1', file: 'a.txt', expert: null, ...overrides,
  };
}

async function openStore(options: Partial<LanceDbStoreOptions> = {}): Promise<ReturnType<typeof createLanceDbStore>> {
  const store = createLanceDbStore({ dir: options.dir ?? (await tempDir()), ...options });
  await store.open(identity);
  return store;
}

void describe('LanceDbStore', () => {
  void it('fails with PROPO_ERR_STORE_UNAVAILABLE before open', async () => {
    const store = createLanceDbStore({ dir: await tempDir() });
    await assert.rejects(store.count(), { code: 'PROPO_ERR_STORE_UNAVAILABLE' });
    assert.equal((await store.health()).ok, false);
  });

  void it('names both embedders and the reindex command in a mismatch', async () => {
    const dir = await tempDir();
    const store = await openStore({ dir });
    await store.close();
    const other = createLanceDbStore({ dir });
    await assert.rejects(other.open({ embedder: 'other-embedder', dimensions: 16 }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'PROPO_ERR_EMBEDDER_MISMATCH');
      assert.match(error.message, /test-embedder/);
      assert.match(error.message, /other-embedder/);
      assert.match(error.message, /run `bin\/propo reindex`/i);
      return true;
    });
  });

  void it('keeps the identity through writes and optimize, batching and de-duplicating upserts', async () => {
    const dir = await tempDir();
    const store = await openStore({ dir, batchSize: 10, optimizeEveryWrites: 2 });
    const records = Array.from({ length: 35 }, (_, i) => record(`r${i}`));
    await store.upsert([...records, { ...records[0] as VectorRecord, text: 'last occurrence wins' }]);
    await store.optimize();
    assert.equal(await store.count(), 35);
    assert.equal((await store.fetch(['r0']))[0]?.text, 'last occurrence wins');
    // r5 is now inside the id B-tree index: updating it must still replace, not duplicate.
    await store.upsert([{ ...records[5] as VectorRecord, text: 'updated after optimize' }]);
    assert.equal(await store.count(), 35);
    assert.equal((await store.fetch(['r5']))[0]?.text, 'updated after optimize');
    await store.close();
    const reopened = createLanceDbStore({ dir });
    await reopened.open(identity);
    assert.equal(await reopened.count(), 35);
    await reopened.close();
  });

  void it('ranks rows written after the FTS index was built together with indexed rows', async () => {
    const store = await openStore({ optimizeEveryWrites: 1000 });
    await store.upsert(Array.from({ length: 40 }, (_, i) => record(`old${i}`, { text: `glacier ${'ice '.repeat(i % 6)}` })));
    await store.optimize();
    await store.upsert([...Array.from({ length: 40 }, (_, i) => record(`new${i}`, { text: `glacier ${'snow '.repeat(i % 4)}` })),
      record('target', { text: 'glacier moraine deposits' })]);
    const hits = await store.searchText('moraine glacier', 5);
    assert.equal(hits[0]?.id, 'target');
    assert.equal(hits.length, 5);
    await store.close();
  });

  void it('keeps dense search right once the vector index exists, including rows added after it', async () => {
    const store = await openStore({ vectorIndexThreshold: 300, optimizeEveryWrites: 1000 });
    const records = Array.from({ length: 320 }, (_, i) => record(`v${i}`));
    await store.upsert(records);
    const late = Array.from({ length: 20 }, (_, i) => record(`late${i}`));
    await store.upsert(late);
    for (const probe of [records[7], records[250], late[3]] as VectorRecord[]) {
      const [top] = await store.searchDense(Float32Array.from(probe.vector), 3);
      assert.equal(top?.id, probe.id);
    }
    await store.close();
  });

  void it('lists distinct document ids and exposes table versions', async () => {
    const store = await openStore();
    await store.upsert([record('a', { documentId: 'doc_b' }), record('b', { documentId: 'doc_a' }), record('c', { documentId: 'doc_b' })]);
    assert.deepEqual(await store.listDocumentIds(), ['doc_a', 'doc_b']);
    const before = await store.currentVersion();
    await store.deleteByDocument('doc_b');
    assert.ok((await store.currentVersion()) > before);
    await store.checkoutVersion(before);
    assert.equal(await store.count(), 3);
    await store.checkoutLatest();
    assert.equal(await store.count(), 1);
    await store.close();
  });

  void it('lists and drops tables for reindexing', async () => {
    const dir = await tempDir();
    const current = await openStore({ dir });
    const next = await openStore({ dir, table: 'propositions_v2' });
    await next.upsert([record('x')]);
    await next.close();
    await current.close();
    assert.deepEqual(await listTables(dir), ['propositions', 'propositions_v2']);
    await dropTable(dir, 'propositions_v2');
    assert.deepEqual(await listTables(dir), ['propositions']);
    await assert.rejects(dropTable(dir, 'propositions_v2'), { code: 'PROPO_ERR_NOT_FOUND' });
  });
});
