import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rescoreCount, searchBeam } from './ann-file.ts';
import { seededRandom } from '../../../core/eval/seeded-random.ts';
import { DenseIndex, type DenseRow } from './dense-index.ts';

void test('the HNSW beam follows the row count: 96 up to 100k rows, wider from there (decision 0138)', () => {
  assert.equal(searchBeam(10_000), 96);
  assert.equal(searchBeam(100_000), 96, 'as fast as before at 100k');
  assert.equal(searchBeam(300_000), 259);
  assert.equal(searchBeam(1_000_000), 768, 'recall@10 ≥ 0.95 at 1M on the held-out half (docs/benchmarks.md)');
  const sizes = [1, 50_000, 100_000, 150_000, 300_000, 1_000_000, 3_000_000, 100_000_000];
  for (let i = 1; i < sizes.length; i += 1) assert.ok(searchBeam(sizes[i] as number) >= searchBeam(sizes[i - 1] as number), 'never narrower for more rows');
  assert.ok(searchBeam(100_000_000) <= 4096, 'bounded');
  assert.equal(rescoreCount(10), 30, '2k+10 re-scored');
});

const DIMS = 8;
const row = (n: number): DenseRow => {
  const random = seededRandom(n);
  return { n, namespace: 'default', documentId: `d${n % 50}`, expert: null, vector: Float32Array.from({ length: DIMS }, () => random() - 0.5) };
};

void test('HNSW search returns the re-score count of the beam\'s best accepted rows, and oversamples for a selective filter', async () => {
  const index = new DenseIndex({ dimensions: DIMS, annThreshold: 1 });
  index.add(Array.from({ length: 3000 }, (_, i) => row(i + 1)));
  await index.settled();
  assert.equal(index.approximate, true);
  const probe = row(1234).vector;
  const hits = index.search(probe, 10, undefined) ?? [];
  assert.equal(hits.length, rescoreCount(10));
  assert.equal(hits[0]?.n, 1234);
  for (let i = 1; i < hits.length; i += 1) assert.ok((hits[i - 1]?.score as number) >= (hits[i]?.score as number), 'best first');
  const filtered = index.search(probe, 10, { documentIds: ['d7'] }) ?? [];
  assert.ok(filtered.length >= 10 && filtered.length <= rescoreCount(10));
  assert.ok(filtered.every((hit) => hit.n % 50 === 7), 'only accepted rows');
  await index.close();
});
