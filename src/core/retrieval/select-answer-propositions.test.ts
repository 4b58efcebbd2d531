import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnswerSelector, createFeatureSelector, searchOrderSelector, type SelectionGroup } from './select-answer-propositions.ts';

const record = (id: string, text: string) => ({ id, documentId: 'd', namespace: 'default', text, unit: 'proposition' as const, page: 1, start: 0, end: text.length, paragraphId: 'p', file: 'f.txt', expert: null });
const group = (texts: string[], scores: Array<number | null>): SelectionGroup => ({
  paragraphId: 'p', candidates: texts.map((text, position) => ({ record: record(`s${position}`, text), searchScore: scores[position] ?? null, position })),
});
const LENS = [
  'The Fresnel lens concentrates the lamp of a lighthouse into a beam.',
  'The lens was invented by Augustin Fresnel in 1822.',
  'Its rings of prisms bend the light toward the horizon.',
];

test('the search order cites the propositions the search ranked, best first, else the best covered one', () => {
  assert.deepEqual(searchOrderSelector('lens prisms', [group(LENS, [0.2, null, 0.9])])[0]?.map((r) => r.id), ['s2', 's0']);
  assert.deepEqual(searchOrderSelector('when was the lens invented', [group(LENS, [null, null, null])])[0]?.map((r) => r.id), ['s1']);
});

test('the feature selector ranks every proposition of the paragraph by its weighted features', () => {
  const question = 'When was the Fresnel lens invented?';
  const byType = createFeatureSelector({ typeDate: 2, coverage: 1 })(question, [group(LENS, [0.9, null, null])]);
  assert.deepEqual(byType[0]?.map((r) => r.id), ['s1', 's0', 's2'], 'the sentence with a date answers a when-question');
  const bySearch = createFeatureSelector({ searchScore: 1 })(question, [group(LENS, [0.9, null, null])]);
  assert.equal(bySearch[0]?.[0]?.id, 's0');
  const ties = createFeatureSelector({})(question, [group(LENS, [null, null, null])]);
  assert.deepEqual(ties[0]?.map((r) => r.id), ['s0', 's1', 's2'], 'ties keep reading order');
});

test('configuration picks the selector', () => {
  const groups = [group(LENS, [0.9, null, null])];
  assert.equal(createAnswerSelector({ answerSelector: 'search' })('When was the lens invented?', groups)[0]?.length, 1);
  assert.equal(createAnswerSelector({ answerSelector: 'features', answerWeights: { typeDate: 3 } })('When was the lens invented?', groups)[0]?.[0]?.id, 's1');
});

test('irregular verb forms share the stem of their base form', async () => {
  const { stemWord } = await import('./answer-features.ts');
  assert.equal(stemWord('won'), stemWord('win'));
  assert.equal(stemWord('took'), stemWord('take'));
  assert.equal(stemWord('written'), stemWord('write'));
  assert.equal(stemWord('founded'), 'found', 'a regular verb keeps its own stem');
});
