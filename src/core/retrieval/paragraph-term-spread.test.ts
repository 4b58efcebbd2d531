import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discountSpreadTerms } from './paragraph-term-spread.ts';
import { candidateFeatures, DEFAULT_ANSWER_WEIGHTS, scoreFeatures, type SelectionGroup } from './select-answer-propositions.ts';

const group = (paragraphId: string, texts: string[]): SelectionGroup => ({
  paragraphId, candidates: texts.map((text, position) => ({ record: { id: `${paragraphId}s${position}`, documentId: paragraphId, namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId, file: 'f.txt', expert: null }, searchScore: null, position })),
});
const QUESTION = 'What kind of division of power did Kublai\'s government have?';
const KUBLAI = group('p0', [
  'Kublai took power in 1260 and ruled from Khanbaliq.',
  'Kublai\'s early court held power, and the central government was established with Chinese advisers.',
  'The government adopted the tripartite division of authority.',
  'Kublai also kept Mongol customs at court.',
]);
const OTHER = group('p1', ['Rivers flooded the plains in spring.', 'Farmers planted millet and wheat.']);

test('a question term said in most of the paragraph counts less: the sentence with the rarer matched term wins within it', () => {
  const rows = candidateFeatures(QUESTION, [KUBLAI, OTHER]);
  const score = (r: typeof rows, i: number) => scoreFeatures(r[0]?.[i] as never, DEFAULT_ANSWER_WEIGHTS);
  assert.ok(score(rows, 1) > score(rows, 2), `without it the sentence repeating "Kublai" wins: ${score(rows, 1)} vs ${score(rows, 2)}`);
  const spread = discountSpreadTerms(QUESTION, [KUBLAI, OTHER], rows, { weight: 1 });
  assert.ok(score(spread, 2) > score(spread, 1), `with it the sentence holding the division wins: ${score(spread, 2)} vs ${score(spread, 1)}`);
});

test("the paragraph's best idfOverlap is kept, nothing else changes, weight 0 is off", () => {
  const rows = candidateFeatures(QUESTION, [KUBLAI, OTHER]);
  const spread = discountSpreadTerms(QUESTION, [KUBLAI, OTHER], rows, { weight: 1 });
  const best = (r: typeof rows, g: number) => Math.max(...(r[g] ?? []).map((row) => row.idfOverlap));
  assert.ok(Math.abs(best(spread, 0) - best(rows, 0)) < 1e-12);
  assert.deepEqual(spread[1], rows[1], 'a paragraph where no matched term is spread is unchanged');
  for (const [i, row] of (spread[0] ?? []).entries()) assert.deepEqual({ ...row, idfOverlap: 0 }, { ...rows[0]?.[i], idfOverlap: 0 });
  assert.deepEqual(discountSpreadTerms(QUESTION, [KUBLAI, OTHER], rows, { weight: 0 }), rows);
  assert.deepEqual(rows, candidateFeatures(QUESTION, [KUBLAI, OTHER]), 'the input rows are not changed');
});
