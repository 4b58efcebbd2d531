import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorRecord } from '../../../core/domain/index.ts';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import { createSqliteVectorStore } from './sqlite-vector-store.ts';

const makeDir = tempDirsRemovedAfter('propo-sqlite-ann-');
const identity = { embedder: 'test', dimensions: 16 };
const record = (i: number): VectorRecord => ({
  id: `p${i}`, documentId: `d${i % 7}`, namespace: 'default', text: `statement number ${i}`, unit: 'proposition', page: 1, start: 0, end: 5,
  paragraphId: `par${i}`, file: 'f.txt', expert: null, vector: Float32Array.from({ length: 16 }, (_, j) => Math.sin(i * 7.3 + j * 1.9)),
});

void test('the HNSW file is derived: a damaged one is rebuilt from SQLite, and a second instance sees the first one\'s writes', async () => {
  const dir = await makeDir();
  const options = { file: join(dir, 'propo.sqlite'), annThreshold: 100 };
  const writer = createSqliteVectorStore(options);
  await writer.open(identity);
  await writer.upsert(Array.from({ length: 600 }, (_, i) => record(i)));
  await writer.settled();
  await writer.close();
  const annDir = join(dir, 'ann');
  const saved = readdirSync(annDir).filter((name) => name.endsWith('.usearch'));
  assert.ok(saved.length > 0, 'the HNSW index was saved on close');
  for (const name of saved) writeFileSync(join(annDir, name), 'not an index');

  const reader = createSqliteVectorStore(options);
  const other = createSqliteVectorStore(options);
  await reader.open(identity);
  await other.open(identity);
  try {
    const probe = record(321);
    assert.equal((await reader.searchDense(Float32Array.from(probe.vector), 1))[0]?.id, probe.id, 'rebuilt from the vectors in SQLite');
    await other.upsert([record(1000)]);
    await other.deleteByDocument('d3');
    assert.equal((await reader.searchDense(Float32Array.from(record(1000).vector), 1))[0]?.id, 'p1000', 'a row written by another instance is found');
    const hits = await reader.searchDense(Float32Array.from(record(3).vector), 20);
    assert.ok(hits.every((hit) => hit.record.documentId !== 'd3'), 'rows deleted by another instance are gone');
    assert.equal(await reader.count(), 600 + 1 - 86);
  } finally {
    await reader.close();
    await other.close();
  }
});

void test('placeholder vectors (BM25-only) never get an HNSW index, whatever the row count', async () => {
  const dir = await makeDir();
  const store = createSqliteVectorStore({ file: join(dir, 'propo.sqlite'), annThreshold: 100 });
  await store.open({ ...identity, placeholderVectors: true });
  try {
    await store.upsert(Array.from({ length: 600 }, (_, i) => record(i)));
    await store.settled();
    assert.equal((await store.searchText('statement number', 5)).length, 5, 'BM25 still answers');
  } finally {
    await store.close();
  }
  const files = readdirSync(dir).includes('ann') ? readdirSync(join(dir, 'ann')).filter((name) => name.endsWith('.usearch')) : [];
  assert.deepEqual(files, []);
});

void test('a write of more rows than one statement holds (decision 0148): every row keeps its own vector, text and FTS5 entry, replacements across statements included', async () => {
  const dir = await makeDir();
  const store = createSqliteVectorStore({ file: join(dir, 'propo.sqlite') });
  await store.open(identity);
  try {
    const many = Array.from({ length: 700 }, (_, i) => ({ ...record(i), text: `statement number ${i} word${i}` }));
    await store.upsert(many);
    const check = async (rows: number[]): Promise<void> => {
      for (const i of rows) {
        assert.equal((await store.searchDense(Float32Array.from(record(i).vector), 1))[0]?.id, `p${i}`, `row p${i}`);
        assert.deepEqual((await store.searchText(`word${i}`, 5)).map((hit) => hit.id), [`p${i}`]);
      }
    };
    await check([0, 99, 255, 256, 511, 512, 699]);
    // Replacements of rows written by the first call, in a write that spans three statements.
    await store.upsert(Array.from({ length: 600 }, (_, i) => ({ ...record(i + 100), text: `replaced ${i + 100} again${i + 100}`, vector: record(i + 5000).vector })));
    await check([0, 50, 99]);
    for (const i of [100, 355, 356, 611, 612, 699]) {
      assert.equal((await store.searchDense(Float32Array.from(record(i - 100 + 5000).vector), 1))[0]?.id, `p${i}`, `replaced row p${i}`);
      assert.deepEqual((await store.searchText(`again${i}`, 5)).map((hit) => hit.id), [`p${i}`]);
      assert.deepEqual(await store.searchText(`word${i}`, 5), [], `the replaced text of p${i} left FTS5`);
    }
    assert.equal((await store.searchDense(Float32Array.from(record(3).vector), 1000)).length, 700);
  } finally {
    await store.close();
  }
});

void test('rows a store writes go to its dense index without a read-back; rows of another writer in between are read, replacements and failed writes leave no stale row', async () => {
  const dir = await makeDir();
  const options = { file: join(dir, 'propo.sqlite') };
  const mine = createSqliteVectorStore(options);
  const other = createSqliteVectorStore(options);
  await mine.open(identity);
  await other.open(identity);
  try {
    const nearest = async (i: number) => (await mine.searchDense(Float32Array.from(record(i).vector), 1))[0]?.id;
    await mine.upsert(Array.from({ length: 50 }, (_, i) => record(i)));
    await other.upsert([record(500)]); // committed between two of `mine`'s writes: `mine` has not seen it yet
    await mine.upsert([record(60), { ...record(5), vector: record(70).vector }]); // p5 replaced with another vector
    assert.equal(await nearest(500), 'p500', 'the other writer\'s row is read back');
    assert.equal(await nearest(60), 'p60');
    assert.equal(await nearest(70), 'p5', 'the replacement\'s vector is the one searched');
    const hits = await mine.searchDense(Float32Array.from(record(5).vector), 60);
    assert.equal(hits.filter((hit) => hit.id === 'p5').length, 1, 'the replaced row is not found twice');
    assert.equal(hits.length, 52);
    await assert.rejects(mine.upsert([record(80), { ...record(81), vector: new Float32Array(3) }]));
    await assert.rejects(mine.upsert([record(82), { ...record(83), text: null as unknown as string }]), /SQLite could not upsert/);
    assert.notEqual(await nearest(82), 'p82', 'a rolled-back write adds nothing to the dense index');
    await mine.upsert([record(90)]);
    assert.equal(await nearest(90), 'p90', 'the next write goes the direct way again');
    assert.notEqual(await nearest(82), 'p90', 'no row of the rolled-back write under a row number used again');
    assert.equal((await mine.searchDense(Float32Array.from(record(5).vector), 100)).length, 53);
  } finally {
    await mine.close();
    await other.close();
  }
});
