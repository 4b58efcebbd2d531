import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScoredHit } from '../domain/index.ts';
import type { FusedHit } from './fuse.ts';
import { applyFeedback, expansionTerms, interpolateFeedback } from './pseudo-relevance-feedback.ts';

const hit = (id: string, score: number, text = id): FusedHit => ({
  id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null,
  record: { id, documentId: id, namespace: 'n', text, unit: 'paragraph', page: 1, start: 0, end: text.length, paragraphId: id, file: `${id}.txt` },
});

test('expansion terms: frequent in the feedback, rare in the pool, not in the query, surface form kept', () => {
  const feedback = [{ text: 'Statins lower cholesterol. Statins reduce LDL cholesterol in patients.', score: 1 }, { text: 'Cholesterol and patients.', score: 0.5 }];
  const pool = [...feedback.map((f) => f.text), 'Patients were enrolled.', 'Patients slept.', 'Patients ate.'];
  const terms = expansionTerms('Do statins help patients?', feedback, pool, 2);
  // "cholesterol" is in two feedback texts and no other; "patients" is in the query; "statins" too.
  assert.deepEqual(terms, ['cholesterol', 'ldl']);
});

test('interpolation: (1 − w) · first + w · min-max(second); new hits enter with the second score only (hand-computed)', () => {
  const second: ScoredHit[] = [hit('b', 10), hit('c', 6), hit('a', 2)];
  const ranked = interpolateFeedback([hit('a', 1), hit('b', 0.5)], second, 0.5);
  const score = Object.fromEntries(ranked.map((h) => [h.id, h.score]));
  assert.deepEqual(ranked.map((h) => h.id), ['b', 'a', 'c']);
  assert.equal(score.a, 0.5);
  assert.equal(score.b, 0.75);
  assert.equal(score.c, 0.25);
});

test('feedback off (weight 0) never searches a second time', async () => {
  let searches = 0;
  const first = [hit('a', 1, 'Statins lower cholesterol.')];
  const out = await applyFeedback(() => { searches++; return Promise.resolve([]); }, 'statins', first, { weight: 0, documents: 3, terms: 5 });
  assert.equal(searches, 0);
  assert.deepEqual(out, first);
  let asked = '';
  await applyFeedback((q) => { asked = q; return Promise.resolve([]); }, 'statins', first, { weight: 0.3, documents: 3, terms: 5 });
  assert.equal(asked, 'statins cholesterol lower', 'ties in weight go alphabetically');
});
