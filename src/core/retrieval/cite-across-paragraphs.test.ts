import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citeAcrossParagraphs, sentenceBm25Scorer, type AnswerScorer } from './cite-across-paragraphs.ts';
import type { SelectionGroup } from './select-answer-propositions.ts';

const record = (id: string, text: string, paragraphId: string) => ({ id, documentId: 'd', namespace: 'default', text, unit: 'proposition' as const, page: 1, start: 0, end: text.length, paragraphId, file: 'f.txt', expert: null });
const group = (paragraphId: string, texts: string[]): SelectionGroup => ({
  paragraphId, candidates: texts.map((text, position) => ({ record: record(`${paragraphId}s${position}`, text, paragraphId), searchScore: null, position })),
});
const GROUPS = [
  group('p0', ['The lighthouse keeper lit the lamp.', 'The lighthouse stands on the cape.']),
  group('p1', ['Ships pass the cape at night.', 'The lighthouse was built in 1822 by the harbour board.']),
  group('p2', ['Fog horns sound in winter.']),
];
const ordered = GROUPS.map((g) => g.candidates.map((c) => c.record));
const fixed = (scores: number[][]): AnswerScorer => () => scores;

test('the best-scoring propositions of the window are cited first, the rest in paragraph order without repeats', () => {
  const out = citeAcrossParagraphs('q', GROUPS, ordered, [0, 1, 2], 2, { window: 3, count: 2, paragraphWeight: 0, score: fixed([[0, 1], [5, 3], [0]]) });
  assert.deepEqual(out.map((c) => c.record?.id), ['p1s0', 'p1s1', 'p0s0', 'p0s1', 'p2s0'], 'two sentences of one paragraph when both win');
  assert.deepEqual(out.map((c) => c.group), [1, 1, 0, 0, 2]);
});

test('the paragraph-rank penalty keeps the first paragraph ahead of a slightly better sentence further down', () => {
  const out = citeAcrossParagraphs('q', GROUPS, ordered, [0, 1, 2], 1, { window: 3, count: 1, paragraphWeight: 2, score: fixed([[1, 0], [2, 0], [0]]) });
  assert.equal(out[0]?.record?.id, 'p0s0', '2 − 2·ln 2 < 1');
  const beyond = citeAcrossParagraphs('q', GROUPS, ordered, [0, 1, 2], 1, { window: 1, count: 1, paragraphWeight: 0, score: fixed([[1, 0], [9, 9], [9]]) });
  assert.equal(beyond[0]?.record?.id, 'p0s0', 'only the window competes');
  assert.deepEqual(beyond.map((c) => c.record?.id), ['p0s0', 'p1s0', 'p2s0']);
});

test('follows the given paragraph order and cites a group without propositions as its paragraph', () => {
  const groups = [...GROUPS, { paragraphId: 'p3', candidates: [] }];
  const out = citeAcrossParagraphs('q', groups, [...ordered, []], [2, 0, 3, 1], 1, { window: 2, count: 1, paragraphWeight: 0, score: fixed([[0], [0, 4], [], [0, 0]]) });
  assert.deepEqual(out.map((c) => c.record?.id ?? `paragraph ${c.group}`), ['p0s1', 'p2s0', 'p0s0', 'paragraph 3', 'p1s0']);
});

test('sentence BM25 prefers the sentence holding the rarer query terms', () => {
  const [first, second] = sentenceBm25Scorer('When was the lighthouse built by the harbour board?', GROUPS);
  assert.ok((second?.[1] ?? 0) > Math.max(...(first ?? [])), `${String(second)} vs ${String(first)}`);
});

test('debris is chosen only when nothing else is (skipDebris)', () => {
  const groups = [group('p0', ['LOC LOC LOC error classification top-5 LOC error 3.57 8.9', 'The ensemble has 3.57% top-5 error on the test set.'])];
  const scores = fixed([[5, 1]]);
  assert.equal(citeAcrossParagraphs('q', groups, [groups[0]?.candidates.map((c) => c.record) ?? []], [0], 2, { window: 1, count: 1, paragraphWeight: 0, score: scores })[0]?.record?.id, 'p0s0');
  assert.equal(citeAcrossParagraphs('q', groups, [groups[0]?.candidates.map((c) => c.record) ?? []], [0], 2, { window: 1, count: 1, paragraphWeight: 0, score: scores, skipDebris: true })[0]?.record?.id, 'p0s1');
});

test('the document-rank penalty lets the top document\'s later paragraphs compete', () => {
  const inDocument = (paragraphId: string, texts: string[], documentId: string): SelectionGroup => ({ paragraphId, candidates: texts.map((text, position) => ({ record: { ...record(`${paragraphId}s${position}`, text, paragraphId), documentId }, searchScore: null, position })) });
  const groups = [inDocument('p0', ['a'], 'd1'), inDocument('p1', ['b'], 'd2'), inDocument('p2', ['c'], 'd1')];
  const order = [0, 1, 2];
  const lists = groups.map((g) => g.candidates.map((c) => c.record));
  const scores = fixed([[1], [1.5], [1.5]]);
  // Paragraph rank only: 1.5 − 1·ln 3 < 1.5 − 1·ln 2 < 1.
  assert.deepEqual(citeAcrossParagraphs('q', groups, lists, order, 1, { window: 3, count: 3, paragraphWeight: 1, score: scores }).map((c) => c.record?.id), ['p0s0', 'p1s0', 'p2s0']);
  // Document rank only: p2 is in the first document (no penalty), p1 in the second (1·ln 2).
  assert.deepEqual(citeAcrossParagraphs('q', groups, lists, order, 1, { window: 3, count: 3, paragraphWeight: 0, documentWeight: 1, score: scores }).map((c) => c.record?.id), ['p2s0', 'p0s0', 'p1s0']);
});

// decision 0146: among the chosen citations, one that defines the question's subject is cited first.
test('with defines, a chosen proposition that defines the subject leads the chosen ones; beyond count it does not', () => {
  const scores = fixed([[3, 1], [2, 0], [0]]);
  const defines = fixed([[0, 0], [1, 0], [0]]);
  const out = citeAcrossParagraphs('q', GROUPS, ordered, [0, 1, 2], 1, { window: 3, count: 2, paragraphWeight: 0, score: scores, defines });
  assert.deepEqual(out.slice(0, 2).map((c) => c.record?.id), ['p1s0', 'p0s0']);
  const beyond = citeAcrossParagraphs('q', GROUPS, ordered, [0, 1, 2], 1, { window: 3, count: 1, paragraphWeight: 0, score: scores, defines });
  assert.equal(beyond[0]?.record?.id, 'p0s0');
  const without = citeAcrossParagraphs('q', GROUPS, ordered, [0, 1, 2], 1, { window: 3, count: 2, paragraphWeight: 0, score: scores });
  assert.deepEqual(without.slice(0, 2).map((c) => c.record?.id), ['p0s0', 'p1s0']);
});
