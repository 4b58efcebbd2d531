import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opensWithAnaphor } from './answer-features.ts';
import { candidateFeatures, createAnswerSelector, createFeatureSelector, searchOrderSelector, type SelectionGroup } from './select-answer-propositions.ts';

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

// Decision 0133: terms a sentence carries without repeating them.
test('a section\'s first sentence counts its heading\'s terms, and defines the subject the heading names', () => {
  const question = 'What does the 503 Service Unavailable status code mean?';
  const under = { ...group(['The server is currently unable to handle the request.', 'The implication is that this is a temporary condition.'], [null, null]), paragraphId: 'body', section: { heading: '10.5.4 503 Service Unavailable', index: 0 } };
  const mentions = { ...group(['A client that receives a 503 Service Unavailable status code can retry the request later.'], [null]), paragraphId: 'other' };
  const plain = candidateFeatures(question, [under, mentions]);
  assert.equal(plain[0]?.[0]?.coverage, 0, 'without its heading the definition shares no term with the question');
  assert.equal(plain[0]?.[0]?.defines, 0);
  const rows = candidateFeatures(question, [under, mentions], { heading: 1, anaphora: 0 });
  assert.equal(rows[0]?.[0]?.defines, 1, 'the heading names the subject: the first sentence defines it');
  assert.equal(rows[0]?.[1]?.defines, 0, 'only the first sentence of the section');
  assert.ok((rows[0]?.[0]?.coverage ?? 0) > (rows[0]?.[1]?.coverage ?? 0));
  const half = candidateFeatures(question, [under], { heading: 0.5, anaphora: 0 });
  assert.ok((half[0]?.[0]?.idfOverlap ?? 0) < (rows[0]?.[0]?.idfOverlap ?? 0), 'the heading counts at its weight');
  const later = { ...under, section: { heading: '10.5.4 503 Service Unavailable', index: 1 } };
  assert.equal(candidateFeatures(question, [later], { heading: 1, anaphora: 0 })[0]?.[0]?.coverage, candidateFeatures(question, [later])[0]?.[0]?.coverage, 'a later paragraph of the section inherits nothing');
});

test('a sentence opening with a pronoun or demonstrative counts the previous sentence\'s terms', () => {
  const question = 'How do you make an interface property modifiable only when an object is first created?';
  const texts = ['Some properties should only be modifiable when an object is first created.', 'You can specify this by putting readonly before the name of the property:', 'Variables use const.'];
  assert.equal(opensWithAnaphor(texts[1] as string), true);
  assert.equal(opensWithAnaphor(texts[2] as string), false);
  const off = candidateFeatures(question, [group(texts, [null, null, null])]);
  const on = candidateFeatures(question, [group(texts, [null, null, null])], { heading: 0, anaphora: 0.5 });
  assert.ok((on[0]?.[1]?.coverage ?? 0) > (off[0]?.[1]?.coverage ?? 0));
  assert.equal(on[0]?.[0]?.coverage, off[0]?.[0]?.coverage, 'a sentence without an anaphor inherits nothing');
  assert.equal(on[0]?.[2]?.coverage, off[0]?.[2]?.coverage);
});

// Decision 0143: every sentence of a long document counts its document's subject stems.
test('a sentence counts its document\'s subject stems, except the words a definition question asks about', async () => {
  const { stemWord } = await import('./answer-features.ts');
  const question = 'How long did it take to train the big Transformer model?';
  const texts = ['The Transformer (big) model used dropout rate 0.1.', 'Training took 3.5 days on 8 P100 GPUs.'];
  const paper = { ...group(texts, [null, null]), subject: ['Transformer', 'model', 'attention'].map(stemWord) };
  const off = candidateFeatures(question, [paper]);
  const on = candidateFeatures(question, [paper], { heading: 0, anaphora: 0, document: 1 });
  assert.ok((on[0]?.[1]?.coverage ?? 0) > (off[0]?.[1]?.coverage ?? 0), 'the training sentence inherits "Transformer" and "model"');
  assert.equal(on[0]?.[0]?.coverage, off[0]?.[0]?.coverage, 'a sentence that says them gains nothing');
  const half = candidateFeatures(question, [paper], { heading: 0, anaphora: 0, document: 0.5 });
  assert.ok((half[0]?.[1]?.idfOverlap ?? 0) < (on[0]?.[1]?.idfOverlap ?? 0), 'at its weight');
  assert.deepEqual(candidateFeatures(question, [{ ...paper, subject: [] }], { heading: 0, anaphora: 0, document: 1 }), off, 'a document without a subject inherits nothing');
  const definition = 'What is interior mutability in Rust?';
  const chapter = { ...group(['It allows you to mutate data through immutable references.'], [null]), subject: ['interior', 'mutability', 'Rust'].map(stemWord) };
  const rows = candidateFeatures(definition, [chapter], { heading: 0, anaphora: 0, document: 1 });
  const plain = candidateFeatures(definition, [chapter]);
  assert.ok(Math.abs((rows[0]?.[0]?.coverage ?? 0) - (plain[0]?.[0]?.coverage ?? 0) - 1 / 3) < 1e-9, 'only "Rust" is inherited: the asked-about words must be said');
});
