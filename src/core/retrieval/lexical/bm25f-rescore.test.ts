import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedHit } from '../fuse.ts';
import { bm25fScore, documentBm25fScore, proximityScore, queryPairs, rescoreParagraphs } from './bm25f-rescore.ts';
import { buildCorpusStatistics, cachedCorpusStatistics, hasDocumentLevel, idSetVersion } from './corpus-statistics.ts';
import { lexicalTerms } from './lexical-terms.ts';

const paragraph = (documentId: string, ordinal: number, text: string) => ({ id: `${documentId}-${ordinal}`, documentId, page: 1, ordinal, start: ordinal * 1000, end: ordinal * 1000 + text.length, text });
const corpus = [
  paragraph('a', 0, 'Statins and cholesterol'),
  paragraph('a', 1, 'Statins lower LDL cholesterol in adults.'),
  paragraph('b', 0, 'Sleep in adolescents'),
  paragraph('b', 1, 'Adolescents who sleep less report lower grades.'),
];
const byId = new Map(corpus.map((p) => [p.id, p]));
const hit = (id: string, score: number): FusedHit => {
  const p = byId.get(id);
  if (!p) throw new Error(id);
  return { id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null, record: { id, documentId: p.documentId, namespace: 'n', text: p.text, unit: 'paragraph', page: 1, start: p.start, end: p.end, paragraphId: id, file: `${p.documentId}.txt` } };
};

test('terms: lower case, stop words out, Porter2 stems', () => {
  assert.deepEqual(lexicalTerms('The Studies of Running statins'), ['studi', 'run', 'statin']);
});

test('statistics: one unit per body paragraph, the title as a second field', () => {
  const statistics = buildCorpusStatistics(corpus);
  assert.equal(statistics.units, 2);
  assert.deepEqual(statistics.titleTerms.get('a'), ['statin', 'cholesterol']);
  assert.equal(statistics.averageTitleLength, 2);
  assert.equal(statistics.averageBodyLength, 6, '5 and 7 terms');
  assert.equal(statistics.documentFrequency.get('statin'), 1);
  assert.equal(statistics.documentFrequency.get('lower'), 2);
});

test('BM25F by hand: tf = titleWeight · tf_title + tf_body, idf = ln(1 + (N − df + 0.5)/(df + 0.5))', () => {
  const statistics = buildCorpusStatistics(corpus);
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 2 };
  const score = bm25fScore(new Set(['statin']), ['statin', 'cholesterol'], ['statin', 'lower', 'ldl', 'cholesterol', 'adult'], statistics, options);
  const tf = 2 * 1 + 1;
  const norm = 1.2 * (1 - 0.75 + 0.75 * ((2 * 2 + 5) / (2 * 2 + 6)));
  assert.ok(Math.abs(score - Math.log(1 + 1.5 / 1.5) * (tf * 2.2) / (tf + norm)) < 1e-12);
});

test('re-scoring lifts the paragraph whose document title matches; weight 0 changes nothing', () => {
  const statistics = buildCorpusStatistics(corpus);
  const first = [hit('b-1', 1), hit('a-1', 0.9)];
  const options = { weight: 0.5, k1: 0.9, b: 0.4, titleWeight: 2 };
  const ranked = rescoreParagraphs('Do statins lower cholesterol?', first, statistics, (id) => byId.get(id) ?? null, options);
  assert.deepEqual(ranked.map((h) => h.id), ['a-1', 'b-1']);
  assert.equal(ranked[0]?.score, 0.5 * 0.9 + 0.5);
  assert.deepEqual(rescoreParagraphs('statins', first, statistics, (id) => byId.get(id) ?? null, { ...options, weight: 0 }), first);
});

test('cached statistics are rebuilt only when the version changes', () => {
  let loads = 0;
  let version = idSetVersion(['a', 'b']);
  const statistics = cachedCorpusStatistics(() => { loads++; return corpus; }, () => version);
  statistics();
  statistics();
  assert.equal(loads, 1);
  assert.equal(idSetVersion(['b', 'a']), version, 'order does not matter');
  version = idSetVersion(['a']);
  statistics();
  assert.equal(loads, 2);
});

test('document level (decision 0050): one unit per document, the title and every body paragraph', () => {
  const two = [...corpus, paragraph('b', 2, 'Grades and sleep in adolescents: lower sleep, lower grades.')];
  const statistics = buildCorpusStatistics(two);
  assert.equal(statistics.documents, 2);
  assert.equal(statistics.documentBodyLength.get('b'), 7 + 7);
  assert.equal(statistics.averageDocumentBodyLength, (5 + 14) / 2);
  assert.equal(statistics.documentLevelFrequency.get('lower'), 2);
  assert.equal(statistics.documentLevelFrequency.get('grade'), 1);
  assert.equal(statistics.documentTermCounts.get('b')?.get('grade'), 3);
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 2 };
  // By hand: tf(grade) = 3 in b's body, no title hit; length = 2 · 2 + 14; average = 2 · 2 + 9.5.
  const norm = 1.2 * (1 - 0.75 + 0.75 * ((2 * 2 + 14) / (2 * 2 + 9.5)));
  const expected = Math.log(1 + 1.5 / 1.5) * (3 * 2.2) / (3 + norm);
  assert.ok(Math.abs(documentBm25fScore(new Set(['grade']), 'b', statistics, options) - expected) < 1e-12);
  assert.equal(documentBm25fScore(new Set(['grade']), 'a', statistics, options), 0);
  // BM25+: δ per matched term on top of the saturation.
  assert.ok(Math.abs(documentBm25fScore(new Set(['grade']), 'b', statistics, { ...options, delta: 0.5 }) - (expected + Math.log(2) * 0.5)) < 1e-12);
});

test('document weight lifts a paragraph whose document answers elsewhere; absent or 0 keeps the paragraph score alone', () => {
  const two = [...corpus, paragraph('b', 2, 'Grades fall with short sleep: statins were not studied.')];
  const statistics = buildCorpusStatistics(two);
  const lookup = (id: string) => (id === 'b-2' ? { page: 1, ordinal: 2, start: 2000, end: 2050 } : byId.get(id) ?? null);
  // "grades" in b-1 only among candidates; document b mentions grades twice, so b's paragraph wins on the document part.
  const first = [hit('a-1', 1), hit('b-1', 1)];
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 1 };
  const plain = rescoreParagraphs('statins grades', first, statistics, lookup, options);
  const withDocument = rescoreParagraphs('statins grades', first, statistics, lookup, { ...options, documentWeight: 1 });
  assert.deepEqual(plain.map((h) => h.score), rescoreParagraphs('statins grades', first, statistics, lookup, { ...options, documentWeight: 0 }).map((h) => h.score));
  assert.equal(withDocument[0]?.score, 1, 'the best document scores 1 with documentWeight 1');
  const scoreOf = (ranked: FusedHit[], id: string) => ranked.find((h) => h.id === id)?.score ?? NaN;
  assert.notEqual(scoreOf(withDocument, 'b-1'), scoreOf(plain, 'b-1'));
});

test('proximity (decision 0051): consecutive query terms within two positions score min(idf) · saturated tf', () => {
  const statistics = buildCorpusStatistics(corpus);
  assert.deepEqual(queryPairs(lexicalTerms('LDL cholesterol lowers LDL cholesterol')), [['ldl', 'cholesterol'], ['cholesterol', 'lower'], ['lower', 'ldl']]);
  const idf = Math.log(1 + 1.5 / 1.5);
  // "statin lower ldl cholesterol adult": ldl–cholesterol adjacent (tf 1), statin…cholesterol three apart (no hit).
  const body = lexicalTerms('Statins lower LDL cholesterol in adults.');
  assert.ok(Math.abs(proximityScore([['ldl', 'cholesterol']], [body], statistics, 1.2) - idf * 2.2 / 2.2) < 1e-12);
  assert.equal(proximityScore([['statin', 'cholesterol']], [body], statistics, 1.2), 0);
  assert.ok(proximityScore([['statin', 'ldl']], [body], statistics, 1.2) > 0, 'one term between still counts');
  const first = [hit('b-1', 1), hit('a-1', 1)];
  const options = { weight: 1, k1: 1.2, b: 0.75, titleWeight: 1 };
  const lookup = (id: string) => byId.get(id) ?? null;
  const plain = rescoreParagraphs('lower ldl', first, statistics, lookup, options);
  const near = rescoreParagraphs('lower ldl', first, statistics, lookup, { ...options, proximityWeight: 1 });
  assert.equal(near[0]?.id, 'a-1');
  const scoreOf = (ranked: FusedHit[], id: string) => ranked.find((h) => h.id === id)?.score ?? NaN;
  assert.ok(scoreOf(near, 'b-1') < scoreOf(plain, 'b-1'), 'the paragraph without the pair falls behind further');
  assert.deepEqual(plain.map((h) => h.score), rescoreParagraphs('lower ldl', first, statistics, lookup, { ...options, proximityWeight: 0 }).map((h) => h.score));
});

test('document-level statistics are built only when documentWeight > 0 (decision 0091)', () => {
  const statistics = buildCorpusStatistics(corpus);
  const first = [hit('b-1', 1), hit('a-1', 0.9)];
  const lookup = (id: string) => byId.get(id) ?? null;
  const options = { weight: 1, k1: 0.9, b: 0.75, titleWeight: 2 };
  rescoreParagraphs('statins lower cholesterol', first, statistics, lookup, options);
  rescoreParagraphs('statins lower cholesterol', first, statistics, lookup, { ...options, documentWeight: 0 });
  assert.equal(hasDocumentLevel(statistics), false, 'the default path never builds them');
  rescoreParagraphs('statins lower cholesterol', first, statistics, lookup, { ...options, documentWeight: 0.5 });
  assert.equal(hasDocumentLevel(statistics), true);
  assert.equal(statistics.documents, 2);
});
