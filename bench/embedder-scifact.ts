/**
 * Retrieval quality of the offline hash embedder on SciFact (5,183 abstracts, 809 dev claims), dense-only
 * brute-force cosine, against a plain BM25 baseline (k1=0.9, b=0.4, lowercase [a-z0-9]+ tokens, title + text).
 *
 *   node --import ./bin/register.mjs bench/embedder-scifact.ts            # default embedder + BM25
 *   node --import ./bin/register.mjs bench/embedder-scifact.ts --variants # also the feature/dimension sweep
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHashEmbedder, type HashEmbedderOptions } from '../src/providers/embedders/hash/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/datasets/scifact');

function readJsonl<T>(file: string): T[] {
  return readFileSync(path.join(dataDir, file), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
}

const corpus = readJsonl<{ id: string; title: string; text: string }>('corpus.jsonl');
const queries = readJsonl<{ id: string; text: string }>('queries.jsonl');
const qrels = new Map<string, Set<string>>();
for (const { query_id, doc_id, relevance } of readJsonl<{ query_id: string; doc_id: string; relevance: number }>('qrels.jsonl')) {
  if (relevance <= 0) continue;
  const set = qrels.get(query_id) ?? new Set<string>();
  set.add(doc_id);
  qrels.set(query_id, set);
}
const docTexts = corpus.map((doc) => `${doc.title} ${doc.text}`);
const judged = queries.filter((query) => qrels.has(query.id));

interface Metrics { ndcg10: number; recall100: number }

/** nDCG@10 (binary gains) and recall@100, averaged over judged queries, from per-query ranked doc indexes. */
function evaluate(rank: (queryIndex: number) => number[]): Metrics {
  let ndcg = 0;
  let recall = 0;
  judged.forEach((query, queryIndex) => {
    const relevant = qrels.get(query.id) ?? new Set<string>();
    const ranked = rank(queryIndex).map((docIndex) => corpus[docIndex]?.id ?? '');
    let dcg = 0;
    ranked.slice(0, 10).forEach((id, i) => {
      if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
    });
    let idcg = 0;
    for (let i = 0; i < Math.min(10, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
    ndcg += dcg / idcg;
    recall += ranked.slice(0, 100).filter((id) => relevant.has(id)).length / relevant.size;
  });
  return { ndcg10: ndcg / judged.length, recall100: recall / judged.length };
}

function topIndexes(scores: Float64Array | Float32Array, k: number): number[] {
  return Array.from(scores.keys()).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0)).slice(0, k);
}

function bm25(): Metrics {
  const k1 = 0.9;
  const b = 0.4;
  const tokenize = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = docTexts.map((text, doc) => {
    const tokens = tokenize(text);
    const tf = new Map<string, number>();
    for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
    for (const [term, count] of tf) {
      const list = postings.get(term) ?? [];
      list.push({ doc, tf: count });
      postings.set(term, list);
    }
    return tokens.length;
  });
  const avgdl = lengths.reduce((sum, length) => sum + length, 0) / lengths.length;
  const n = docTexts.length;
  return evaluate((queryIndex) => {
    const scores = new Float64Array(n);
    for (const term of tokenize(judged[queryIndex]?.text ?? '')) {
      const list = postings.get(term);
      if (list === undefined) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) scores[doc] = (scores[doc] ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * (lengths[doc] ?? 0)) / avgdl));
    }
    return topIndexes(scores, 100);
  });
}

async function dense(label: string, options: HashEmbedderOptions): Promise<void> {
  const embedder = createHashEmbedder(options);
  const started = performance.now();
  const docVectors = await embedder.embed(docTexts);
  const seconds = (performance.now() - started) / 1000;
  const queryVectors = await Promise.all(judged.map((query) => embedder.embedQuery(query.text)));
  const dims = embedder.dimensions;
  const metrics = evaluate((queryIndex) => {
    const query = queryVectors[queryIndex] ?? new Float32Array(dims);
    const scores = new Float32Array(docVectors.length);
    docVectors.forEach((doc, docIndex) => {
      let dot = 0;
      for (let i = 0; i < dims; i++) dot += (doc[i] ?? 0) * (query[i] ?? 0);
      scores[docIndex] = dot;
    });
    return topIndexes(scores, 100);
  });
  report(`${label} (${embedder.name})`, metrics, `${Math.round(docTexts.length / seconds)} docs/s`);
}

function report(label: string, metrics: Metrics, extra = ''): void {
  console.log(`${label.padEnd(58)} nDCG@10 ${metrics.ndcg10.toFixed(3)}  R@100 ${metrics.recall100.toFixed(3)}  ${extra}`);
}

console.log(`SciFact dev: ${corpus.length} docs, ${judged.length} judged queries`);
report('BM25 k1=0.9 b=0.4 (naive tokens)', bm25());
await dense('hash default', {});
/** The sweep that picked the defaults; `--variants [substring]` runs the ones whose label contains it. */
const VARIANTS: [string, HashEmbedderOptions][] = [
  ['dims 768', { dimensions: 768 }],
  ['dims 1024', { dimensions: 1024 }],
  ['dims 8192 (collision-free ceiling)', { dimensions: 8192 }],
  ['384 unigrams only', { features: { bigramWeight: 0, charGramWeight: 0 } }],
  ['384 no char n-grams', { features: { charGramWeight: 0 } }],
  ['384 no bigrams', { features: { bigramWeight: 0 } }],
  ['384 bigram 0.5', { features: { bigramWeight: 0.5 } }],
  ['384 char weight 0.15', { features: { charGramWeight: 0.15 } }],
  ['384 char weight 0.5', { features: { charGramWeight: 0.5 } }],
  ['384 char 4-5', { features: { charGramMin: 4 } }],
  ['384 no stemming', { features: { stem: false } }],
  ['384 no stopwords', { features: { stopwords: false } }],
];
const flag = process.argv.indexOf('--variants');
if (flag >= 0) {
  const filter = process.argv[flag + 1] ?? '';
  for (const [label, options] of VARIANTS) if (label.includes(filter)) await dense(label, options);
}
