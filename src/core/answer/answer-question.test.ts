import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnswerer } from './answer-question.ts';
import type { RetrievedHit } from '../retrieval/hybrid-search.ts';

const hit = (id: string, text: string, coverage: number, paragraphId: string): RetrievedHit => ({
  id, score: 1, denseScore: null, bm25Score: 1, denseRank: null, bm25Rank: 1, paragraph: null, coverage,
  record: { id, documentId: 'd', namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId, file: 'paper.txt', expert: null },
});
const HITS = [
  hit('h0', 'We use Adam with a learning rate schedule and warmup over the first steps.', 1, 'p0'),
  hit('h1', 'We used warmup_steps = 4000 in the base model.', 0.25, 'p1'),
  hit('h2', 'The schedule warms up the learning rate in the first steps of training.', 0.75, 'p2'),
];
const answerer = (chosenHits?: number) => createAnswerer({
  retrieve: async () => ({ hits: HITS, confidence: 1, timings: { embedMs: 0, retrieveMs: 0 } }),
  llm: null, spanExists: () => true, estimateTokens: () => 0, costUsd: () => 0, threshold: 0, defaultK: 6, quoteInOrder: true,
  ...(chosenHits !== undefined ? { chosenHits } : {}),
});

test('a low-coverage hit is not quoted by default, but is when it is among the hits chosen by answer score', async () => {
  const plain = await answerer()('How many warmup steps did the learning rate schedule use?');
  assert.doesNotMatch(plain.answer, /warmup_steps = 4000/u);
  const chosen = await answerer(3)('How many warmup steps did the learning rate schedule use?');
  assert.match(chosen.answer, /warmup_steps = 4000/u);
  assert.equal(chosen.citations.length, 3);
});
