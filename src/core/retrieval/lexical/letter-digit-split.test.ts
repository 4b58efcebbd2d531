import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedHit } from '../fuse.ts';
import { rescoreParagraphs } from './bm25f-rescore.ts';
import { buildCorpusStatistics } from './corpus-statistics.ts';
import { lexicalAnalysis, lexicalTerms, setLexicalAnalysis, termLength } from './lexical-terms.ts';
import { loadConfig } from '../../config/index.ts';

// Decision 0154: a word that mixes letters and digits also counts as its letter runs.
const paragraph = (documentId: string, ordinal: number, text: string) => ({ id: `${documentId}-${ordinal}`, documentId, page: 1, ordinal, start: ordinal * 1000, end: ordinal * 1000 + text.length, text });
const corpus = [
  paragraph('a', 0, 'Hematopoietic stem cells'),
  paragraph('a', 1, 'GATA-3 controls the maintenance of hematopoietic stem cells.'),
  paragraph('b', 0, 'Skin niches'),
  paragraph('b', 1, 'Renewal of stem cell niches in the skin of mice.'),
  paragraph('c', 0, 'Sleep'),
  paragraph('c', 1, 'Adolescents who sleep less report lower grades.'),
];
const byId = new Map(corpus.map((p) => [p.id, p]));
const hit = (id: string, score: number): FusedHit => {
  const p = byId.get(id);
  if (!p) throw new Error(id);
  return { id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null, record: { id, documentId: p.documentId, namespace: 'n', text: p.text, unit: 'paragraph', page: 1, start: p.start, end: p.end, paragraphId: id, file: `${p.documentId}.txt` } };
};
const options = { weight: 1, k1: 0.9, b: 0.75, titleWeight: 2 };
const rank = () => rescoreParagraphs('GATA3 in stem cell renewal', [hit('b-1', 1), hit('a-1', 0.9)], buildCorpusStatistics(corpus), (id) => byId.get(id) ?? null, options).map((h) => h.id);

test('terms: a word mixing letters and digits also yields its letter runs of two or more letters (the default)', () => {
  assert.equal(lexicalAnalysis().compounds, 'letters');
  // Porter2 (wink) turns a 3 inside a word into y/i ("gata3" → "gatay"): the whole word's stem, index and query alike.
  assert.deepEqual(lexicalTerms('GATA3 and IL-6 in FoxO3a and p53 cells'), ['gatay', 'il', '6', 'foxoya', 'p5i', 'cell', 'gata', 'foxo'], 'after the words; single letters ("a", "p") add nothing');
  assert.deepEqual(lexicalTerms('1990 studies'), ['1990', 'studi'], 'a number alone is one term');
  assert.deepEqual(lexicalTerms('The a3 and 3D of it'), ['a3', '3d'], 'stop words and single letters add nothing');
});

test('re-scoring: "GATA3" finds the paragraph that writes "GATA-3" (not with the split off)', () => {
  assert.deepEqual(rank(), ['a-1', 'b-1']);
  try {
    setLexicalAnalysis({ compounds: 'none' });
    assert.deepEqual(lexicalTerms('GATA3 and IL-6'), ['gatay', 'il', '6']);
    assert.deepEqual(rank(), ['b-1', 'a-1']);
  } finally {
    setLexicalAnalysis({});
  }
});

test('length: the added letter runs are not counted in a paragraph\'s BM25 length', () => {
  assert.equal(termLength(lexicalTerms('GATA3 controls FoxO3a')), 3);
  assert.equal(termLength(lexicalTerms('GATA controls FoxO')), 3);
  const statistics = buildCorpusStatistics([paragraph('d', 0, 'Title'), paragraph('d', 1, 'GATA3 controls FoxO3a')]);
  assert.equal(statistics.averageBodyLength, 3);
});

test('config: retrieval.lexical.mixedWords defaults to letters', () => {
  assert.equal(loadConfig({ overrides: {} }).config.retrieval.lexical.mixedWords, 'letters');
});
