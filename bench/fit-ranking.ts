/**
 * 2-fold fit of the ranking weights (retrieval.titleWeight, retrieval.propositionWeight, decision 0018;
 * retrieval.feedback, decision 0019) on an eval dataset: every grid point ranks every query's
 * paragraphs with the production `rankParagraphs` (hybridSearch's ranking stage) over the eval index,
 * maps them to documents as the eval does (`rankDocuments`) and scores them (`rankingMetrics`).
 * Queries are split into two folds by query-id hash (`bin/propo eval --fold i/2` selects the same
 * queries); the weights best on one fold are reported on the other. Store searches are memoised
 * (the grid changes only how results are combined), so a grid point costs the combination, not the
 * searches. Confirm the chosen weights with `bin/propo eval --fold i/2 --config <variant>` (the full
 * `ask`/`retrieve` path): the fit skips citation and duplicate collapsing, which do not change
 * document order in practice.
 *
 *   bin/propo --data-dir D eval --dataset ../shared/datasets/scifact --mode bm25    # builds the index once
 *   node --import ./bin/register.mjs bench/fit-ranking.ts --data-dir D --dataset ../shared/datasets/scifact --mode bm25 \
 *     [--title 0,0.5] [--proposition 0,0.2] [--fb-weight 0,0.3] [--fb-docs 5] [--fb-terms 10] \
 *     [--lex-weight 0,1] [--k1 0.9,1.2] [--b 0.4,0.75] [--lex-title 1,2] [--lex-doc 0,0.5] [--delta 0,0.5] [--proximity 0,0.3] [--heading 0,1] [--sections 0,3] [--question-words 0,1] [--title-b -1,0.5] [--exact 0,0.3] [--json]
 *     [--compounds none,letters]
 *     [--qtf 0,0.5,1] [--idf lucene,document,robertson] [--idf-floor 0] [--candidates 100,200] [--agg-second 0,0.3] [--candidate-split]
 * The analysis flags (`lexical-terms.ts` `LexicalAnalysis`, decision 0154) rebuild the re-scorer's statistics per variant; the
 * candidate stage's index is untouched (`--candidate-split` appends the letter and digit runs of mixed words to its query).
 * `--candidates` is the first-stage k per list; `--agg-second w` ranks documents by best + w · second-best paragraph.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/core/config/index.ts';
import type { ParagraphRecord } from '../src/core/domain/index.ts';
import { evalCacheKey, loadDataset, queryFold, rankDocuments, rankingMetrics, toCorpusDocument } from '../src/core/eval/index.ts';
import { rankParagraphs, type RetrievalDeps, type RetrievalMode, type RetrievalOptions } from '../src/core/retrieval/hybrid-search.ts';
import type { FeedbackOptions } from '../src/core/retrieval/pseudo-relevance-feedback.ts';
import type { LexicalRescoreOptions } from '../src/core/retrieval/lexical/bm25f-rescore.ts';
import { cachedCorpusStatistics } from '../src/core/retrieval/lexical/corpus-statistics.ts';
import { setLexicalAnalysis, type LexicalAnalysis } from '../src/core/retrieval/lexical/lexical-terms.ts';
import type { VectorStore } from '../src/core/ports/index.ts';
import { createEmbedder } from '../src/providers/embedders/create-embedder.ts';
import { createApp } from '../src/app/compose.ts';
import { createVectorStore } from '../src/app/create-vector-store.ts';
import { evalScratchConfig, indexSettings } from '../src/app/cli/commands/eval-run.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' }, dataset: { type: 'string' }, mode: { type: 'string', default: 'bm25' },
    title: { type: 'string', default: '0,0.1,0.2,0.3,0.4,0.5,0.7,1' }, proposition: { type: 'string', default: '0,0.1,0.2,0.3,0.5,0.7' },
    'lex-weight': { type: 'string', default: '0' }, k1: { type: 'string', default: '0.9' }, b: { type: 'string', default: '0.4' }, 'lex-title': { type: 'string', default: '1' },
    'lex-doc': { type: 'string', default: '0' }, delta: { type: 'string', default: '0' }, proximity: { type: 'string', default: '0' }, heading: { type: 'string', default: '0' }, sections: { type: 'string', default: '0' }, 'question-words': { type: 'string', default: '0' }, 'title-b': { type: 'string', default: '-1' }, exact: { type: 'string', default: '0' },
    'prop-rrf': { type: 'string', default: '0' },
    compounds: { type: 'string', default: 'letters' },
    qtf: { type: 'string', default: '0' }, idf: { type: 'string', default: 'lucene' }, 'idf-floor': { type: 'string', default: '0' },
    candidates: { type: 'string', default: '100' }, 'candidate-split': { type: 'boolean', default: false }, 'agg-second': { type: 'string', default: '0' },
    'fb-weight': { type: 'string', default: '0' }, 'fb-docs': { type: 'string', default: '5' }, 'fb-terms': { type: 'string', default: '10' },
    metric: { type: 'string', default: 'ndcg@10' }, json: { type: 'boolean', default: false },
  },
});
const dataDir = values['data-dir'];
if (!dataDir || !values.dataset) throw new Error('usage: fit-ranking.ts --data-dir D --dataset DIR [--mode bm25|hybrid] [--title 0,0.5] [--proposition 0,0.2] [--json]');
const mode = values.mode as RetrievalMode;
const metric = values.metric;
const grid = (list: string) => list.split(',').map(Number);

const config = loadConfig({ overrides: { dataDir } }).config;
const embedder = createEmbedder(config.embedder, { dataDir });
const dataset = await loadDataset(values.dataset);
const settings = indexSettings(config, embedder);
const cacheRoot = join(dataDir, 'eval-cache');
const cacheDir = join(cacheRoot, evalCacheKey(dataset.dir, dataset.corpusSha256, settings));
if (!existsSync(join(cacheDir, 'eval-manifest.json'))) throw new Error(`No complete eval index at ${cacheDir}: run \`bin/propo --data-dir ${dataDir} eval --dataset ${values.dataset}\` first.`);
const scratch = evalScratchConfig(config, cacheDir);
const app = await createApp(scratch, { embedder, vectors: memoizeSearches(await createVectorStore(scratch)) });
// The repository lookups the ranking makes, answered from memory (the corpus does not change during the fit).
const visible = app.documents.visibleDocumentIds();
const paragraphCache = new Map<string, ParagraphRecord | null>();
const deps: RetrievalDeps = {
  vectors: app.vectors,
  embedQuery: (text, signal) => app.embedder.embedQuery(text, signal ? { signal } : {}),
  visibleDocumentIds: () => visible,
  paragraph: (id) => {
    if (!paragraphCache.has(id)) paragraphCache.set(id, app.documents.paragraph(id));
    return paragraphCache.get(id) ?? null;
  },
  corpusStatistics: cachedCorpusStatistics(() => app.documents.visibleParagraphs(), () => analysisKey),
};
let analysisKey = '';
const corpusIdOf = new Map(dataset.corpus.map((record) => { const document = toCorpusDocument(record); return [document.fileName, document.corpusId]; }));
const vectors = new Map<string, Float32Array | null>();
const r = config.retrieval;
const base: RetrievalOptions = { method: r.fusion === 'auto' ? 'weighted' : r.fusion, denseWeight: r.denseWeight, bm25Weight: r.bm25Weight, rrfK: r.rrfK, candidates: Math.max(r.candidates, 100), k: 100, mode, unit: 'proposition', rankBy: 'paragraph', namespace: scratch.namespace };

interface Params { titleWeight: number; propositionWeight: number; feedback: FeedbackOptions; lexical: LexicalRescoreOptions; propositionRrf: number; analysis: LexicalAnalysis; candidates: number; aggSecond: number }
interface Point extends Params { folds: [number, number]; all: number }
/** Every combination of the grids; with feedback off its documents/terms do not matter (one point). */
const combinations: Params[] = [];
const lexicalGrid = product(grid(values['lex-weight']), grid(values.k1), grid(values.b), grid(values['lex-title']), grid(values['lex-doc']), grid(values.delta), grid(values.proximity), grid(values.heading), grid(values.sections), grid(values['question-words']), grid(values['title-b']), grid(values.exact))
  .map(([weight = 0, k1 = 0.9, b = 0.4, titleWeight = 1, documentWeight = 0, delta = 0, proximityWeight = 0, headingWeight = 0, sectionCandidates = 0, questionWords = 0, titleB = -1, exactWeight = 0]): LexicalRescoreOptions => ({ weight, k1, b, titleWeight, documentWeight, delta, proximityWeight, headingWeight, sectionCandidates, dropQuestionWords: questionWords > 0, ...(titleB >= 0 ? { titleB } : {}), exactWeight }))
  .filter((l, i, all) => l.weight > 0 || all.findIndex((o) => o.weight === 0) === i)
  .flatMap((l) => product(grid(values.qtf), grid(values['idf-floor'])).flatMap(([queryTermFrequency = 0, idfFloor = 0]) => values.idf.split(',').map((idf): LexicalRescoreOptions => ({ ...l, queryTermFrequency, idf: idf as 'lucene', idfFloor }))))
  .filter((l, i, all) => (l.idf === 'robertson' || l.idfFloor === 0 || all.findIndex((o) => o.idfFloor === 0) < 0));
const analyses: LexicalAnalysis[] = values.compounds.split(',').map((compounds) => ({ compounds }) as LexicalAnalysis);
for (const [weight = 0, documents = 5, terms = 10] of product(grid(values['fb-weight']), grid(values['fb-docs']), grid(values['fb-terms']))) {
  if (weight === 0 && combinations.some((c) => c.feedback.weight === 0)) continue;
  for (const lexical of lexicalGrid) {
    for (const [titleWeight = 0, propositionWeight = 0, propositionRrf = 0, candidates = 100, aggSecond = 0] of product(grid(values.title), grid(values.proposition), grid(values['prop-rrf']), grid(values.candidates), grid(values['agg-second']))) {
      for (const analysis of analyses) combinations.push({ titleWeight, propositionWeight, feedback: { weight, documents, terms }, lexical, propositionRrf, analysis, candidates, aggSecond });
    }
  }
}
const points: Point[] = [];
try {
  combinations.sort((a, b) => JSON.stringify(a.analysis).localeCompare(JSON.stringify(b.analysis)));
  for (const params of combinations) {
    const { lexical, feedback } = params;
    const key = params.analysis.compounds;
    if (key !== analysisKey) { setLexicalAnalysis(params.analysis); analysisKey = key; }
    const name = `t${params.titleWeight}-p${params.propositionWeight}-fb${feedback.weight}x${feedback.documents}x${feedback.terms}-lex${lexical.weight}-k${lexical.k1}-b${lexical.b}-tw${lexical.titleWeight}-doc${lexical.documentWeight ?? 0}-d${lexical.delta ?? 0}-px${lexical.proximityWeight ?? 0}-h${lexical.headingWeight ?? 0}-s${lexical.sectionCandidates ?? 0}-q${lexical.dropQuestionWords ? 1 : 0}-tb${lexical.titleB ?? 'joint'}-x${lexical.exactWeight ?? 0}-rrf${params.propositionRrf}-qtf${lexical.queryTermFrequency ?? 0}-idf${lexical.idf ?? 'lucene'}${lexical.idf === 'robertson' ? lexical.idfFloor : ''}-c${params.candidates}-agg${params.aggSecond}-${key}`;
    const perQuery: Array<{ queryId: string; value: number }> = [];
    for (const query of dataset.queries) {
      if (!vectors.has(query.text)) vectors.set(query.text, mode === 'bm25' ? null : await deps.embedQuery(query.text));
      const { paragraphs } = await rankParagraphs(deps, query.text, vectors.get(query.text) ?? null, { namespace: scratch.namespace }, { ...base, ...params });
      const ranked = rankDocuments(aggregate(paragraphs, params.aggSecond).map((hit) => ({ documentId: corpusIdOf.get(hit.record.file) ?? '' })));
      perQuery.push({ queryId: query.id, value: rankingMetrics(ranked, dataset.qrels.get(query.id) ?? new Map<string, number>())[metric] ?? 0 });
    }
    const mean = (fold?: number) => { const v = perQuery.filter((q) => fold === undefined || queryFold(q.queryId, 2) === fold).map((q) => q.value); return v.reduce((a, b) => a + b, 0) / Math.max(1, v.length); };
    points.push({ ...params, folds: [mean(1), mean(2)], all: mean() });
    if (!values.json) process.stderr.write(`${name}: ${points.at(-1)?.folds.map((v) => v.toFixed(4)).join(' / ')}\n`);
  }
} finally {
  await app.close();
}

const best = (fold: 0 | 1) => points.reduce((a, b) => (b.folds[fold] > a.folds[fold] ? b : a));
const baseline = points.find((p) => p.titleWeight === 0 && p.propositionWeight === 0 && p.feedback.weight === 0 && p.lexical.weight === 0 && p.propositionRrf === 0);
const name = (p: Point) => `${JSON.stringify(p.analysis)} c${p.candidates} agg${p.aggSecond} qtf${p.lexical.queryTermFrequency ?? 0} idf ${p.lexical.idf ?? 'lucene'}${p.lexical.idf === 'robertson' ? ` floor ${p.lexical.idfFloor}` : ''}`;
const fits = ([0, 1] as const).map((fold) => {
  const chosen = best(fold);
  const other = fold === 0 ? 1 : 0;
  return { fitOn: fold + 1, reportOn: other + 1, variant: name(chosen), titleWeight: chosen.titleWeight, propositionWeight: chosen.propositionWeight, feedback: chosen.feedback, lexical: chosen.lexical, fitted: chosen.folds[fold], heldOut: chosen.folds[other], baselineHeldOut: baseline?.folds[other] ?? null };
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ dataset: dataset.name, mode, metric, queries: dataset.queries.length, fits, points }, null, 2)}\n`);
} else {
  process.stdout.write(`| fit on fold | lexical weight, k1, b, title, document, δ, proximity, heading, section candidates, question words dropped, title b (per-field) | titleWeight | propositionWeight | feedback weight × docs × terms | ${metric} fitted fold | ${metric} held-out fold | baseline held-out |\n|---|---|---:|---:|---:|---:|---:|---:|\n`);
  for (const f of fits) process.stdout.write(`| ${f.fitOn} → ${f.reportOn} (${f.variant}) | ${f.lexical.weight}, ${f.lexical.k1}, ${f.lexical.b}, ${f.lexical.titleWeight}, ${f.lexical.documentWeight ?? 0}, ${f.lexical.delta ?? 0}, ${f.lexical.proximityWeight ?? 0}, ${f.lexical.headingWeight ?? 0}, ${f.lexical.sectionCandidates ?? 0}, ${f.lexical.dropQuestionWords ? 'yes' : 'no'}, ${f.lexical.titleB ?? 'joint'} | ${f.titleWeight} | ${f.propositionWeight} | ${f.feedback.weight} × ${f.feedback.documents} × ${f.feedback.terms} | ${f.fitted.toFixed(3)} | ${f.heldOut.toFixed(3)} | ${f.baselineHeldOut?.toFixed(3) ?? '—'} |\n`);
}

/** Documents ranked by best paragraph + w · second-best paragraph of the same document (w = 0: best paragraph only). */
function aggregate<T extends { score: number; record: { documentId: string } }>(paragraphs: T[], w: number): T[] {
  if (w <= 0) return paragraphs;
  const best = new Map<string, number[]>();
  for (const p of paragraphs) { const list = best.get(p.record.documentId) ?? []; if (list.length < 2) list.push(p.score); best.set(p.record.documentId, list); }
  return paragraphs.map((p) => { const [a = 0, b = 0] = best.get(p.record.documentId) ?? []; return { ...p, score: p.score === a ? a + w * b : p.score + w * a }; })
    .sort((x, y) => y.score - x.score);
}

/** The query with the letter and digit runs of its mixed words appended ("GATA3" → "GATA3 … GATA 3"; `--candidate-split`). */
function withParts(query: string): string {
  const parts = (query.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => /\p{L}\p{N}|\p{N}\p{L}/u.test(w)).flatMap((w) => w.match(/\p{L}+|\p{N}+/gu) ?? []);
  return parts.length === 0 ? query : `${query} ${parts.join(' ')}`;
}

function product(...lists: number[][]): number[][] {
  return lists.reduce<number[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/** The store with `searchText`/`searchDense` answered from memory after the first call with the same arguments. */
function memoizeSearches(store: VectorStore): VectorStore {
  const cache = new Map<string, ReturnType<VectorStore['searchText']>>();
  const remember = (key: string, search: () => ReturnType<VectorStore['searchText']>) => {
    let hit = cache.get(key);
    if (!hit) { hit = search(); cache.set(key, hit); }
    return hit;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'searchText') return (query: string, k: number, filter?: object) => { const text = values['candidate-split'] ? withParts(query) : query; return remember(`t|${k}|${JSON.stringify(filter)}|${text}`, () => target.searchText(text, k, filter)); };
      if (property === 'searchDense') return (vector: Float32Array, k: number, filter?: object) => remember(`d|${k}|${JSON.stringify(filter)}|${Buffer.from(vector.buffer).toString('base64')}`, () => target.searchDense(vector, k, filter));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
