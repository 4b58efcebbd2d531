import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stemWord } from './answer-features.ts';
import { cachedDocumentSubjects, documentSubjectStems } from './document-subject.ts';

const paragraph = (ordinal: number, text: string, page = 1) => ({ page, ordinal, start: ordinal * 1000, end: ordinal * 1000 + text.length, text });
const PAPER = [
  paragraph(0, 'Attention Is All You Need'),
  ...Array.from({ length: 12 }, (_, i) => paragraph(i + 1, i % 3 === 0 ? `The Transformer uses stacked attention in layer ${i}.` : `Training took ${i} days on eight GPUs with batches of sentence pairs.`, 2 + i)),
];

// Decision 0143: what every sentence of a long document is about without repeating it.
test('a long document\'s subject is the stems most of its paragraphs share; the title only when asked for', () => {
  const stems = documentSubjectStems(PAPER, { share: 0.3, minParagraphs: 10, title: false });
  assert.ok(stems.includes(stemWord('Transformer')), 'in 4 of 12 body paragraphs');
  assert.ok(stems.includes(stemWord('training')));
  assert.ok(!stems.includes(stemWord('need')), 'title stems are off');
  assert.ok(!stems.includes('0'), 'a stem of one paragraph is not the subject');
  assert.ok(documentSubjectStems(PAPER, { share: 0.3, minParagraphs: 10, title: true }).includes(stemWord('need')));
  assert.ok(!documentSubjectStems(PAPER, { share: 0.5, minParagraphs: 10, title: false }).includes(stemWord('Transformer')), 'below the share');
});

test('a short document (a Wikipedia paragraph, an abstract) has no frequent stems', () => {
  assert.deepEqual(documentSubjectStems(PAPER.slice(0, 5), { share: 0.1, minParagraphs: 10, title: false }), []);
  assert.deepEqual(documentSubjectStems(PAPER.slice(0, 5)), [], 'the default');
});

test('subjects are computed once per document and again after the library changes', () => {
  let reads = 0;
  let version = 'v1';
  const subjectOf = cachedDocumentSubjects(() => { reads++; return PAPER; }, () => version, { share: 0.3, minParagraphs: 10, title: false });
  const first = subjectOf('d');
  assert.deepEqual(subjectOf('d'), first);
  assert.equal(reads, 1);
  version = 'v2';
  subjectOf('d');
  assert.equal(reads, 2);
});
