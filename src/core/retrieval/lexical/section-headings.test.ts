import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedHit } from '../fuse.ts';
import { bm25fScore, exactScore, rawWords, rescoreParagraphs } from './bm25f-rescore.ts';
import { buildCorpusStatistics, hasDocumentLevel, isHeadingLike, sectionHeadings } from './corpus-statistics.ts';
import { lexicalTerms, queryLexicalTerms } from './lexical-terms.ts';
import { addSectionCandidates } from './section-candidates.ts';

const paragraph = (documentId: string, page: number, ordinal: number, text: string) => ({ id: `${documentId}-${page}-${ordinal}`, documentId, page, ordinal, start: page * 10_000 + ordinal * 1000, end: page * 10_000 + ordinal * 1000 + text.length, text });
// A Markdown chapter: unnumbered headings.
const book = [
  paragraph('book', 1, 0, 'What Is Ownership?'),
  paragraph('book', 1, 1, 'Ownership is a set of rules that govern how a program manages memory.'),
  paragraph('book', 1, 2, 'Ownership Rules'),
  paragraph('book', 1, 3, 'First, let us take a look at them.'),
  paragraph('book', 1, 4, 'Each value has an owner. There can only be one owner at a time.'),
  paragraph('book', 2, 0, 'Variable Scope'),
  paragraph('book', 2, 1, 'A scope is the range within a program for which an item is valid.'),
];
// A paper: numbered headings, and figure labels that look like headings too.
const paper = [
  paragraph('paper', 1, 0, 'A Model of Everything'),
  paragraph('paper', 1, 1, '1 Introduction'),
  paragraph('paper', 1, 2, 'Models are trained on data.'),
  paragraph('paper', 1, 3, 'Inner Loop'),
  paragraph('paper', 1, 4, 'The loop copies blocks to fast memory.'),
  paragraph('paper', 2, 0, '5.2 Hardware and Schedule'),
  paragraph('paper', 2, 1, 'We trained our models on one machine with 8 GPUs.'),
  paragraph('paper', 2, 2, '10.5.4 503 Service Unavailable'),
  paragraph('paper', 2, 3, 'The server is currently unable to handle the request.'),
];
const corpus = [...book, ...paper];
const byId = new Map(corpus.map((p) => [p.id, p]));
const hit = (id: string, score: number): FusedHit => {
  const p = byId.get(id);
  if (!p) throw new Error(id);
  return { id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null, record: { id, documentId: p.documentId, namespace: 'n', text: p.text, unit: 'paragraph', page: p.page, start: p.start, end: p.end, paragraphId: id, file: `${p.documentId}.md` } };
};
const lookup = (id: string) => byId.get(id) ?? null;

test('heading-like: short, capitalised or numbered, no sentence end, mostly words', () => {
  for (const text of ['Ownership Rules', '3.1 Encoder and Decoder Stacks', '10.5.4 503 Service Unavailable', 'Using @ Bindings']) assert.equal(isHeadingLike(text), true, text);
  for (const text of ['What Is Ownership?', 'Each value has an owner.', 'KT: d x N', '0.5 1.2 3.4 7.8', 'lower case start', 'First, let us take a look at them.']) assert.equal(isHeadingLike(text), false, text);
});

test('section headings: the last heading before a paragraph; numbered ones only in a document that numbers them', () => {
  const { headingOf, members } = sectionHeadings([...corpus].reverse());
  assert.equal(headingOf.get('book-1-1'), undefined, 'the title is no section heading');
  assert.equal(headingOf.get('book-1-4'), 'Ownership Rules');
  assert.equal(headingOf.get('book-2-1'), 'Variable Scope', 'sections run across pages');
  assert.equal(headingOf.get('book-1-2'), undefined, 'a heading has none');
  assert.equal(headingOf.get('paper-1-4'), '1 Introduction', 'a figure label does not start a section in a numbered document');
  assert.equal(headingOf.get('paper-2-1'), '5.2 Hardware and Schedule');
  assert.equal(headingOf.get('paper-2-3'), '10.5.4 503 Service Unavailable');
  assert.deepEqual(members.get('book-1-2'), ['book-1-3', 'book-1-4']);
  assert.equal(members.has('paper-1-3'), false);
});

test('each body paragraph knows its section heading and its place in the section (answer context, decision 0133)', () => {
  const { sectionOf } = buildCorpusStatistics(corpus);
  assert.deepEqual(sectionOf?.get('paper-2-3'), { heading: '10.5.4 503 Service Unavailable', index: 0 });
  assert.deepEqual(sectionOf?.get('book-1-4'), { heading: 'Ownership Rules', index: 1 });
  assert.equal(sectionOf?.has('paper-2-2'), false, 'a heading has none');
});

test('BM25F with the heading as a third field, by hand; headingWeight 0 or absent is the two-field score', () => {
  const statistics = buildCorpusStatistics(corpus);
  assert.deepEqual(statistics.headingTerms.get('paper-2-1'), ['5', '2', 'hardwar', 'schedul']);
  const headingLength = [...statistics.headingTerms.values()].reduce((a, t) => a + t.length, 0);
  assert.equal(statistics.averageHeadingLength, headingLength / statistics.units);
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 2 };
  const title = statistics.titleTerms.get('paper') ?? [];
  const body = statistics.paragraphTerms.get('paper-2-1') ?? [];
  const heading = statistics.headingTerms.get('paper-2-1') ?? [];
  const query = new Set(['hardwar', 'gpus']);
  assert.equal(bm25fScore(query, title, body, statistics, { ...options, headingWeight: 0 }, heading), bm25fScore(query, title, body, statistics, options));
  const df = (t: string) => statistics.documentFrequency.get(t) ?? 0;
  const idf = (t: string) => Math.log(1 + (statistics.units - df(t) + 0.5) / (df(t) + 0.5));
  const average = 2 * statistics.averageTitleLength + statistics.averageBodyLength + 1.5 * statistics.averageHeadingLength;
  const norm = 1.2 * (1 - 0.75 + 0.75 * ((2 * title.length + body.length + 1.5 * heading.length) / average));
  const expected = idf('hardwar') * (1.5 * 2.2) / (1.5 + norm) + idf('gpus') * (1 * 2.2) / (1 + norm);
  assert.ok(Math.abs(bm25fScore(query, title, body, statistics, { ...options, headingWeight: 1.5 }, heading) - expected) < 1e-12);
  assert.equal(hasDocumentLevel(statistics), false, 'the heading field does not build the document level');
});

test('a section heading among the candidates brings its first paragraphs in, and the heading field ranks them', () => {
  const statistics = buildCorpusStatistics(corpus);
  const first = [hit('book-1-2', 1), hit('book-1-1', 0.8)];
  assert.deepEqual(addSectionCandidates(first, statistics, lookup, 0), first);
  const added = addSectionCandidates(first, statistics, lookup, 1);
  assert.deepEqual(added.map((h) => h.id), ['book-1-2', 'book-1-1', 'book-1-3']);
  assert.equal(added[2]?.score, 1, 'an added paragraph starts with its heading score');
  assert.equal(added[2]?.record.text, 'First, let us take a look at them.');
  assert.equal(addSectionCandidates([...first, hit('book-1-3', 0.1)], statistics, lookup, 1).length, 3, 'no duplicates');
  const candidates = addSectionCandidates(first, statistics, lookup, 2);
  const options = { weight: 1, k1: 0.9, b: 0.75, titleWeight: 2 };
  const plain = rescoreParagraphs('What are the ownership rules?', candidates, statistics, lookup, options);
  const withHeading = rescoreParagraphs('What are the ownership rules?', candidates, statistics, lookup, { ...options, headingWeight: 1 });
  const gap = (ranked: FusedHit[]) => (ranked.find((h) => h.id === 'book-1-1')?.score ?? NaN) - (ranked.find((h) => h.id === 'book-1-4')?.score ?? NaN);
  assert.ok(gap(withHeading) < gap(plain) / 2, 'the rules paragraph closes on the one that names ownership and rules in its text');
  assert.equal(withHeading.find((h) => h.id === 'book-1-3')?.score, withHeading.find((h) => h.id === 'book-1-1')?.score, 'and its shorter section neighbour ties it');
});

test('question words leave the query terms only when asked; documents keep them', () => {
  assert.deepEqual(queryLexicalTerms('How many parameters does PaLM have?', true), ['paramet', 'palm']);
  assert.deepEqual(queryLexicalTerms('How many parameters does PaLM have?', false), lexicalTerms('How many parameters does PaLM have?'));
  assert.deepEqual(lexicalTerms('how many'), ['how', 'mani']);
  const notes = [paragraph('notes', 1, 1, 'How many do we have? What can we do?'), paragraph('notes', 1, 2, 'GPUs are fast.')];
  const statistics = buildCorpusStatistics([...corpus, ...notes]);
  const notesOf = (id: string) => notes.find((p) => p.id === id) ?? null;
  const noteHit = (p: (typeof notes)[number]): FusedHit => ({ ...hit('book-1-1', 0.5), id: p.id, record: { ...hit('book-1-1', 0.5).record, id: p.id, documentId: 'notes', text: p.text, page: 1, start: p.start, end: p.end, paragraphId: p.id } });
  const first = notes.map(noteHit);
  const options = { weight: 1, k1: 0.9, b: 0.75, titleWeight: 2 };
  const kept = rescoreParagraphs('How many GPUs do we have?', first, statistics, notesOf, options);
  const dropped = rescoreParagraphs('How many GPUs do we have?', first, statistics, notesOf, { ...options, dropQuestionWords: true });
  assert.equal(kept[0]?.id, 'notes-1-1', 'the question words match the paragraph of questions');
  assert.equal(dropped[0]?.id, 'notes-1-2', 'only "gpus" is left');
});

test('per-field length normalisation (titleB, decision 0122), by hand; absent = one joint length', () => {
  const statistics = buildCorpusStatistics(corpus);
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 2, headingWeight: 1 };
  const title = statistics.titleTerms.get('paper') ?? [];
  const body = statistics.paragraphTerms.get('paper-2-1') ?? [];
  const heading = statistics.headingTerms.get('paper-2-1') ?? [];
  const query = new Set(['model', 'hardwar']);
  const df = (t: string) => statistics.documentFrequency.get(t) ?? 0;
  const idf = (t: string) => Math.log(1 + (statistics.units - df(t) + 0.5) / (df(t) + 0.5));
  const titleNorm = 1 - 0.3 + 0.3 * (title.length / statistics.averageTitleLength);
  const bodyNorm = 1 - 0.75 + 0.75 * (body.length / statistics.averageBodyLength);
  const headingNorm = 1 - 0.3 + 0.3 * (heading.length / statistics.averageHeadingLength);
  // "model" once in the title ("A Model of Everything") and once in the body ("our models"); "hardwar" in the heading.
  const model = 2 / titleNorm + 1 / bodyNorm;
  const hardware = 1 / headingNorm;
  const expected = idf('model') * (model * 2.2) / (model + 1.2) + idf('hardwar') * (hardware * 2.2) / (hardware + 1.2);
  assert.ok(Math.abs(bm25fScore(query, title, body, statistics, { ...options, titleB: 0.3 }, heading) - expected) < 1e-12);
  assert.notEqual(bm25fScore(query, title, body, statistics, options, heading), expected);
});

test('exact-form bonus (decision 0122): unstemmed query words, the stem idf, the paragraph length; 0 changes nothing', () => {
  const statistics = buildCorpusStatistics(corpus);
  assert.deepEqual(rawWords('The GPUs trained models'), ['gpus', 'trained', 'models']);
  const body = statistics.paragraphTerms.get('paper-2-1') ?? [];
  const df = statistics.documentFrequency.get('model') ?? 0;
  const idf = Math.log(1 + (statistics.units - df + 0.5) / (df + 0.5));
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 2 };
  const norm = 1.2 * (1 - 0.75 + 0.75 * (body.length / statistics.averageBodyLength));
  // "models" occurs once as written; "model" (the query's other form) not at all.
  assert.ok(Math.abs(exactScore(['models', 'model'], rawWords('We trained our models on one machine with 8 GPUs.'), body.length, statistics, options) - idf * 2.2 / (1 + norm)) < 1e-12);
  const first = [hit('paper-2-1', 1), hit('paper-1-2', 1)];
  const plain = rescoreParagraphs('trained models', first, statistics, lookup, options);
  assert.deepEqual(rescoreParagraphs('trained models', first, statistics, lookup, { ...options, exactWeight: 0 }), plain);
  const scores = (query: string, exactWeight: number) => rescoreParagraphs(query, first, statistics, lookup, { ...options, exactWeight }).map((h) => `${h.id} ${h.score}`);
  assert.deepEqual(scores('train model', 1), scores('train model', 0), 'only the stems match: no bonus');
  assert.notDeepEqual(scores('trained models', 1), scores('trained models', 0), 'the words as written: a bonus');
});
