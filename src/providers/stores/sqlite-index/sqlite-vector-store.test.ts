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
