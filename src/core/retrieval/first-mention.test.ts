import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParagraphRecord } from '../domain/index.ts';
import { citeAcrossParagraphs, type AnswerScorer } from './cite-across-paragraphs.ts';
import { addFirstMentions, firstMention, namesSubject } from './first-mention.ts';
import type { FusedHit } from './fuse.ts';
import type { SelectionGroup } from './select-answer-propositions.ts';

const paragraph = (id: string, documentId: string, ordinal: number, text: string): ParagraphRecord => ({ id, documentId, page: 1, start: 0, end: text.length, text, ordinal });

const hit = (p: ParagraphRecord, score: number): FusedHit => ({
  id: p.id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null,
  record: { id: p.id, documentId: p.documentId, namespace: 'n', text: p.text, unit: 'paragraph', page: p.page, start: p.start, end: p.end, paragraphId: p.id, file: 'f.pdf', expert: null },
} as unknown as FusedHit);

const paper = [
  paragraph('t', 'doc', 0, 'FlashAttention: Fast and Memory-Efficient Exact Attention'),
  paragraph('a', 'doc', 1, 'We propose FlashAttention, an IO-aware exact attention algorithm that uses tiling.'),
  paragraph('b', 'doc', 2, 'FlashAttention loops through blocks of the K and V matrices.'),
  paragraph('c', 'doc', 3, 'FlashAttention does not read and write the large attention matrix.'),
];

test('the first body paragraph naming the subject: headings and titles skipped, all its words in order', () => {
  assert.equal(firstMention(paper, ['flashattention'])?.id, 'a');
  assert.equal(namesSubject('A match guard is an additional if condition.', ['match', 'guards']), true);
  assert.equal(namesSubject('The guard of a match arm.', ['match', 'guard']), false);
  assert.equal(firstMention(paper, ['nothing']), null);
});

test('a definition question\'s first mention takes the window\'s last place at its document\'s best rank (decision 0153)', () => {
  const ranked = [hit(paper[2] as ParagraphRecord, 9), hit(paper[3] as ParagraphRecord, 8), hit(paragraph('x', 'other', 0, 'Other text.'), 7)];
  const { paragraphs, rankAs } = addFirstMentions(ranked, ['flashattention'], () => paper, { documents: 1, window: 3 });
  assert.deepEqual(paragraphs.map((p) => p.id), ['b', 'c', 'a', 'x']);
  assert.equal(rankAs.get('a'), 0);
  // Already within the window: nothing added.
  const again = addFirstMentions([hit(paper[1] as ParagraphRecord, 9), ...ranked], ['flashattention'], () => paper, { documents: 1, window: 3 });
  assert.deepEqual(again.paragraphs.map((p) => p.id), ['a', 'b', 'c', 'x']);
  assert.equal(again.rankAs.size, 0);
  // No subject (not a definition question) or off: unchanged.
  assert.deepEqual(addFirstMentions(ranked, [], () => paper, { documents: 1, window: 3 }).paragraphs.map((p) => p.id), ['b', 'c', 'x']);
  assert.deepEqual(addFirstMentions(ranked, ['flashattention'], () => paper, { documents: 0, window: 3 }).paragraphs.map((p) => p.id), ['b', 'c', 'x']);
});

test('cite-across penalises a first mention at its rankAs, not at its place', () => {
  const groups: SelectionGroup[] = ['b', 'c', 'a'].map((id) => ({
    paragraphId: id,
    candidates: [{ record: { id: `${id}1`, documentId: 'doc', namespace: 'n', text: `${id} text`, unit: 'proposition', page: 1, start: 0, end: 1, paragraphId: id, file: 'f.pdf', expert: null }, searchScore: null, position: 0 }],
    ...(id === 'a' ? { rankAs: 0 } : {}),
  }));
  // Equal answer scores: with its place (rank 2) the first mention would come last; at rank 0 it ties the first and wins on nothing else.
  const score: AnswerScorer = (_q, gs) => gs.map((g) => g.candidates.map(() => (g.paragraphId === 'a' ? 1.01 : 1)));
  const ordered = groups.map((g) => g.candidates.map((c) => c.record));
  const chosen = citeAcrossParagraphs('q', groups, ordered, [0, 1, 2], 1, { window: 3, count: 1, paragraphWeight: 1, documentWeight: 0, score });
  assert.equal(chosen[0]?.record?.id, 'a1');
  const without = citeAcrossParagraphs('q', groups.map(({ rankAs: _r, ...g }) => g), ordered, [0, 1, 2], 1, { window: 3, count: 1, paragraphWeight: 1, documentWeight: 0, score });
  assert.equal(without[0]?.record?.id, 'b1');
});
