/** Eval metrics against values computed by hand (see the comments) on a tiny ranking. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitAt, ndcgAt, percentile, rankDocuments, rankingMetrics, recallAt, reciprocalRankAt, recommendThreshold, spansOverlapRationale, topSpanContainsAnswer } from '../../src/core/eval/index.ts';

// Ranked d3, d1, d5, d2; relevant d1 (grade 1), d2 (grade 2), d4 (grade 1, never retrieved).
const ranked = ['d3', 'd1', 'd5', 'd2'];
const relevance = new Map([['d1', 1], ['d2', 2], ['d4', 1]]);

void test('hit@k and recall@k count relevant documents within the cut-off', () => {
  assert.equal(hitAt(ranked, relevance, 1), 0);
  assert.equal(hitAt(ranked, relevance, 2), 1);
  assert.equal(recallAt(ranked, relevance, 1), 0);
  assert.equal(recallAt(ranked, relevance, 2), 1 / 3);
  assert.equal(recallAt(ranked, relevance, 5), 2 / 3);
  assert.equal(recallAt(ranked, new Map(), 5), 0);
});

void test('MRR@10 is the reciprocal rank of the first relevant document', () => {
  assert.equal(reciprocalRankAt(ranked, relevance, 10), 1 / 2);
  assert.equal(reciprocalRankAt(ranked, relevance, 1), 0);
});

void test('nDCG@10 uses graded gains, a log2 discount and the ideal DCG of the qrels', () => {
  // DCG = 1/log2(3) + 2/log2(5) = 1.4922828697; IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 3.1309297536.
  assert.ok(Math.abs(ndcgAt(ranked, relevance, 10) - 0.476626110188513) < 1e-12);
  // Binary gains, relevant document first: perfect.
  assert.equal(ndcgAt(['a', 'b'], new Map([['a', 1]]), 10), 1);
  // Only at rank 2 of one relevant: 1/log2(3).
  assert.ok(Math.abs(ndcgAt(['b', 'a'], new Map([['a', 1]]), 10) - 0.6309297535714575) < 1e-12);
  const all = rankingMetrics(ranked, relevance);
  assert.deepEqual(Object.keys(all).sort(), ['hit@1', 'hit@10', 'hit@100', 'hit@5', 'mrr@10', 'ndcg@10', 'recall@1', 'recall@10', 'recall@100', 'recall@5']);
  assert.equal(all['recall@100'], 2 / 3);
});

void test('a document ranks at its best proposition', () => {
  const hits = [{ documentId: 'A' }, { documentId: 'B' }, { documentId: 'A' }, { documentId: 'C' }, { documentId: 'B' }];
  assert.deepEqual(rankDocuments(hits), ['A', 'B', 'C']);
});

void test('citation span accuracy: containment of the top span, overlap within the top k', () => {
  const gold = [{ documentId: 'd1', start: 10, end: 20 }];
  const contains = [{ documentId: 'd1', start: 5, end: 20, score: 1 }];
  const partial = [{ documentId: 'd1', start: 15, end: 40, score: 1 }];
  const otherDoc = [{ documentId: 'd2', start: 0, end: 100, score: 1 }];
  assert.equal(topSpanContainsAnswer(contains, gold), 1);
  assert.equal(topSpanContainsAnswer(partial, gold), 0);
  assert.equal(topSpanContainsAnswer(otherDoc, gold), 0);
  assert.equal(topSpanContainsAnswer([], gold), 0);
  assert.equal(topSpanContainsAnswer(contains, []), null);
  assert.equal(spansOverlapRationale(partial, gold, 6), 1);
  // Touching at the end offset is not an overlap: [20, 30) and [10, 20) share no character.
  assert.equal(spansOverlapRationale([{ documentId: 'd1', start: 20, end: 30, score: 1 }], gold, 6), 0);
  assert.equal(spansOverlapRationale([...otherDoc, ...partial], gold, 1), 0);
  assert.equal(spansOverlapRationale([...otherDoc, ...partial], gold, 2), 1);
});

void test('percentiles interpolate between order statistics', () => {
  assert.equal(percentile([4, 1, 3, 2], 50), 2.5);
  assert.equal(percentile([1, 2, 3, 4, 5], 95), 4.8);
  assert.equal(percentile([], 50), 0);
});

void test('the threshold keeps the requested share of answerable queries', () => {
  const answerable = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
  const choice = recommendThreshold(answerable, [0.05, 0.15, 0.25, 0.5], 0.9);
  assert.equal(choice.threshold, 0.2);
  assert.equal(choice.answerableKept, 0.9);
  assert.equal(choice.unanswerableRejected, 0.5);
});
