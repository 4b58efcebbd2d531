import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScoredHit } from '../domain/index.ts';
import { fuse } from './fuse.ts';
import { collapseDuplicates } from './collapse-duplicates.ts';
import { queryTermCoverage } from './term-coverage.ts';

const hit = (id: string, score: number, text = id): ScoredHit => ({ id, score, record: { id, documentId: 'd', namespace: 'n', text, unit: 'proposition', page: 1, start: 0, end: 1, paragraphId: 'p', file: 'f' } });

test('reciprocal-rank fusion adds w/(k+rank) from each list (hand-computed)', () => {
  const fused = fuse([hit('a', 0.9), hit('b', 0.8)], [hit('b', 12), hit('c', 3)], { method: 'rrf', denseWeight: 1, bm25Weight: 1, rrfK: 60 });
  const score = Object.fromEntries(fused.map((h) => [h.id, h.score]));
  assert.ok(Math.abs((score.b ?? 0) - (1 / 62 + 1 / 61)) < 1e-12);
  assert.ok(Math.abs((score.a ?? 0) - 1 / 61) < 1e-12);
  assert.ok(Math.abs((score.c ?? 0) - 1 / 62) < 1e-12);
  assert.deepEqual(fused.map((h) => h.id), ['b', 'a', 'c']);
  assert.equal(fused[0]?.denseRank, 2);
  assert.equal(fused[0]?.bm25Rank, 1);
});

test('weighted fusion min-max normalises each list (hand-computed)', () => {
  const fused = fuse([hit('a', 0.9), hit('b', 0.5), hit('c', 0.1)], [hit('c', 10), hit('a', 5), hit('b', 0)], { method: 'weighted', denseWeight: 0.3, bm25Weight: 0.7, rrfK: 60 });
  const score = Object.fromEntries(fused.map((h) => [h.id, h.score]));
  assert.ok(Math.abs((score.a ?? 0) - (0.3 * 1 + 0.7 * 0.5)) < 1e-12);
  assert.ok(Math.abs((score.b ?? 0) - (0.3 * 0.5 + 0)) < 1e-12);
  assert.ok(Math.abs((score.c ?? 0) - (0 + 0.7 * 1)) < 1e-12);
  assert.deepEqual(fused.map((h) => h.id), ['c', 'a', 'b']);
});

test('near-duplicate propositions collapse to the better-ranked one', () => {
  const hits = [hit('1', 3, 'The cat sat on the mat.'), hit('2', 2, 'the cat sat on the mat'), hit('3', 1, 'A dog barked.')];
  assert.deepEqual(collapseDuplicates(hits).map((h) => h.id), ['1', '3']);
});

test('query term coverage ignores stop words and plural endings', () => {
  assert.equal(queryTermCoverage('What are the effects of vitamins?', 'Vitamin effect was small.'), 1);
  assert.equal(queryTermCoverage('vitamin dosage', 'Vitamin levels.'), 0.5);
});
