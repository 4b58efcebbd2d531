import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carryToContinuation, continuationScorer, MATCH_FEATURES } from './anaphoric-continuation.ts';
import { featureScorer } from './cite-across-paragraphs.ts';
import { candidateFeatures, DEFAULT_ANSWER_WEIGHTS, type SelectionGroup } from './select-answer-propositions.ts';

const record = (id: string, text: string) => ({ id, documentId: 'd', namespace: 'default', text, unit: 'proposition' as const, page: 1, start: 0, end: text.length, paragraphId: 'p0', file: 'f.txt', expert: null });
const group = (texts: string[]): SelectionGroup => ({
  paragraphId: 'p0', candidates: texts.map((text, position) => ({ record: record(`s${position}`, text), searchScore: null, position })),
});
const QUESTION = 'How old was Peyton Manning when he played in Super Bowl 50?';
const PARAGRAPH = group([
  'The Broncos finished the regular season with a 12–4 record.',
  'Peyton Manning became the first quarterback ever to lead different teams to multiple Super Bowls.',
  'He is also the oldest quarterback ever to play in a Super Bowl at age 39.',
]);

test('the anaphoric sentence after the best-matching one takes its question-match features at the weight, nothing else', () => {
  const rows = candidateFeatures(QUESTION, [PARAGRAPH]);
  const carried = carryToContinuation([PARAGRAPH], rows, DEFAULT_ANSWER_WEIGHTS, { weight: 0.75 });
  const [, matched, next] = rows[0] ?? [];
  const after = carried[0]?.[2];
  assert.ok(matched && next && after);
  for (const f of MATCH_FEATURES) assert.equal(after[f], Math.max(next[f], 0.75 * matched[f]), f);
  assert.equal(after.novelty, next.novelty, 'its own novelty');
  assert.equal(after.typeNumber, next.typeNumber, 'its own answer type');
  assert.deepEqual(carried[0]?.slice(0, 2), rows[0]?.slice(0, 2), 'the other sentences are unchanged');
  assert.deepEqual(rows, candidateFeatures(QUESTION, [PARAGRAPH]), 'the input rows are not changed');
});

test('with the continuation carried, the sentence after the one that names the subject can win on its own features', () => {
  const question = 'Which two compounds did Al-Muwaffaq differentiate between?';
  const paragraph = group(['Chemistry flourished in Persia.', 'Al-Muwaffaq’s contributions in the field are also pioneering.', 'He made clear distinction between sodium carbonate and potassium carbonate.']);
  const [plain] = featureScorer(DEFAULT_ANSWER_WEIGHTS)(question, [paragraph]);
  const [carried] = continuationScorer(DEFAULT_ANSWER_WEIGHTS, undefined, { weight: 1 })(question, [paragraph]);
  assert.ok(plain && carried);
  assert.ok((plain[1] as number) > (plain[2] as number), `without it the sentence naming Al-Muwaffaq wins: ${plain.join(', ')}`);
  assert.ok((carried[2] as number) > (carried[1] as number), `with it the continuation wins: ${carried.join(', ')}`);
  const [off] = continuationScorer(DEFAULT_ANSWER_WEIGHTS, undefined, { weight: 0 })(question, [paragraph]);
  assert.deepEqual(off, plain, 'weight 0 is the plain feature score');
});

test('a sentence that does not open with an anaphor, or does not follow the best one, is left alone', () => {
  const other = group([PARAGRAPH.candidates[1]?.record.text ?? '', 'The oldest quarterback ever to play in a Super Bowl was 39.']);
  const rows = candidateFeatures(QUESTION, [other]);
  assert.deepEqual(carryToContinuation([other], rows, DEFAULT_ANSWER_WEIGHTS, { weight: 1 }), rows);
  const before = group([PARAGRAPH.candidates[2]?.record.text ?? '', PARAGRAPH.candidates[1]?.record.text ?? '']);
  const rowsBefore = candidateFeatures(QUESTION, [before]);
  assert.deepEqual(carryToContinuation([before], rowsBefore, DEFAULT_ANSWER_WEIGHTS, { weight: 1 }), rowsBefore, 'the anaphoric sentence comes first: nothing to carry');
});
