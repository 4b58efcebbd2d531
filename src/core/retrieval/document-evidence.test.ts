import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedHit } from './fuse.ts';
import { addDocumentEvidence, isTitleParagraph } from './document-evidence.ts';

const hit = (id: string, documentId: string, score: number, paragraphId = id): FusedHit => ({
  id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null,
  record: { id, documentId, namespace: 'n', text: id, unit: 'paragraph', page: 1, start: 0, end: 10, paragraphId, file: `${documentId}.txt` },
});
const paragraphs: Record<string, { page: number; ordinal: number; start: number; end: number }> = {
  'a-title': { page: 1, ordinal: 0, start: 0, end: 40 },
  'a-body': { page: 1, ordinal: 1, start: 42, end: 900 },
  'b-body': { page: 1, ordinal: 1, start: 42, end: 900 },
};
const paragraphOf = (id: string) => paragraphs[id] ?? null;

test('a document whose title matches lifts its body paragraph by titleWeight × the title score (hand-computed)', () => {
  const ranked = addDocumentEvidence([hit('b-body', 'b', 0.8), hit('a-body', 'a', 0.6), hit('a-title', 'a', 0.5)], [], paragraphOf, { titleWeight: 0.5, propositionWeight: 0 });
  assert.deepEqual(ranked.map((h) => [h.id, h.score]), [['a-body', 0.85], ['b-body', 0.8], ['a-title', 0.5]]);
});

test('a paragraph gains propositionWeight × its best proposition score', () => {
  const propositions = [hit('s1', 'b', 1, 'b-body'), hit('s2', 'a', 0.4, 'a-body'), hit('s3', 'a', 0.2, 'a-body')];
  const ranked = addDocumentEvidence([hit('a-body', 'a', 0.9), hit('b-body', 'b', 0.8)], propositions, paragraphOf, { titleWeight: 0, propositionWeight: 0.25 });
  assert.deepEqual(ranked.map((h) => [h.id, h.score]), [['b-body', 1.05], ['a-body', 1]]);
});

test('with both weights 0 the order and scores are unchanged', () => {
  const input = [hit('a-title', 'a', 0.9), hit('b-body', 'b', 0.7)];
  assert.deepEqual(addDocumentEvidence(input, [hit('s1', 'b', 1, 'b-body')], paragraphOf, { titleWeight: 0, propositionWeight: 0 }), input);
});

test('only a short first paragraph of page 1 is a title', () => {
  assert.equal(isTitleParagraph({ page: 1, ordinal: 0, start: 0, end: 120 }), true);
  assert.equal(isTitleParagraph({ page: 1, ordinal: 0, start: 0, end: 1200 }), false);
  assert.equal(isTitleParagraph({ page: 2, ordinal: 0, start: 0, end: 20 }), false);
  assert.equal(isTitleParagraph({ page: 1, ordinal: 3, start: 0, end: 20 }), false);
});
