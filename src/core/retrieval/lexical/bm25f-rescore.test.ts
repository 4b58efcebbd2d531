import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedHit } from '../fuse.ts';
import { bm25fScore, rescoreParagraphs } from './bm25f-rescore.ts';
import { buildCorpusStatistics, cachedCorpusStatistics, idSetVersion } from './corpus-statistics.ts';
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
