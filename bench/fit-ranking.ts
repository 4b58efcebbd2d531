/**
 * 2-fold fit of the ranking weights (retrieval.titleWeight, retrieval.propositionWeight, decision 0018;
 * retrieval.feedback, decision 0019) on an eval dataset: every grid point runs the production retrieval
 * (`createApp(...).retrieve`, hybridSearch) over every query, scored by the production eval
 * (`runEvaluation`); queries are split into two folds by query-id hash (`bin/propo eval --fold i/2`
 * selects the same queries). The weights that score best on one fold are reported on the other.
 * Store searches are memoised (the grid changes only how results are combined), so a grid point
 * costs the in-process combination, not the BM25/dense searches.
 *
 *   bin/propo --data-dir D eval --dataset ../shared/datasets/scifact --mode bm25    # builds the index once
 *   node --import ./bin/register.mjs bench/fit-ranking.ts --data-dir D --dataset ../shared/datasets/scifact --mode bm25 \
 *     [--title 0,0.5] [--proposition 0,0.2] [--fb-weight 0,0.3] [--fb-docs 5] [--fb-terms 10] [--json]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/core/config/index.ts';
import { evalCacheKey, loadDataset, queryFold, runEvaluation, type EvalRun } from '../src/core/eval/index.ts';
import type { RetrievalMode } from '../src/core/retrieval/hybrid-search.ts';
import type { FeedbackOptions } from '../src/core/retrieval/pseudo-relevance-feedback.ts';
import type { VectorStore } from '../src/core/ports/index.ts';
import { createEmbedder } from '../src/providers/embedders/create-embedder.ts';
import { createApp } from '../src/app/compose.ts';
import { createVectorStore } from '../src/app/create-vector-store.ts';
import { evalScratchConfig, indexSettings } from '../src/app/cli/commands/eval-command.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' }, dataset: { type: 'string' }, mode: { type: 'string', default: 'bm25' },
    title: { type: 'string', default: '0,0.1,0.2,0.3,0.4,0.5,0.7,1' }, proposition: { type: 'string', default: '0,0.1,0.2,0.3,0.5,0.7' },
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
const app = await createApp(scratch, { embedder, vectors: memoizeSearches(createVectorStore(scratch)) });

interface Params { titleWeight: number; propositionWeight: number; feedback: FeedbackOptions }
interface Point extends Params { folds: [number, number]; all: number }
/** Every combination of the grids; with feedback off its documents/terms do not matter (one point). */
const combinations: Params[] = [];
for (const [weight, documents, terms] of product(grid(values['fb-weight']), grid(values['fb-docs']), grid(values['fb-terms']))) {
  if (weight === 0 && combinations.some((c) => c.feedback.weight === 0)) continue;
  for (const [titleWeight, propositionWeight] of product(grid(values.title), grid(values.proposition))) combinations.push({ titleWeight, propositionWeight, feedback: { weight, documents, terms } });
}
const points: Point[] = [];
try {
  for (const params of combinations) {
    const name = `fit-t${params.titleWeight}-p${params.propositionWeight}-fb${params.feedback.weight}x${params.feedback.documents}x${params.feedback.terms}`;
    const run = await runEvaluation({ dataset, name, mode, index: settings, cacheRoot, topK: config.topK, candidates: config.retrieval.candidates }, {
      openIndex: () => Promise.resolve({
        ingest: () => Promise.reject(new Error('the fit reuses a complete index')),
        retrieve: (query, options) => app.retrieve(query, { ...options, ...params }),
        close: () => Promise.resolve(),
      }),
    });
    points.push({ ...params, folds: [foldMean(run, 1), foldMean(run, 2)], all: run.metrics[metric] ?? 0 });
    if (!values.json) process.stderr.write(`${name}: ${points.at(-1)?.folds.map((v) => v.toFixed(4)).join(' / ')}\n`);
  }
} finally {
  await app.close();
}

const best = (fold: 0 | 1) => points.reduce((a, b) => (b.folds[fold] > a.folds[fold] ? b : a));
const baseline = points.find((p) => p.titleWeight === 0 && p.propositionWeight === 0 && p.feedback.weight === 0);
const fits = ([0, 1] as const).map((fold) => {
  const chosen = best(fold);
  const other = fold === 0 ? 1 : 0;
  return { fitOn: fold + 1, reportOn: other + 1, titleWeight: chosen.titleWeight, propositionWeight: chosen.propositionWeight, feedback: chosen.feedback, fitted: chosen.folds[fold], heldOut: chosen.folds[other], baselineHeldOut: baseline?.folds[other] ?? null };
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ dataset: dataset.name, mode, metric, queries: dataset.queries.length, fits, points }, null, 2)}\n`);
} else {
  process.stdout.write(`| fit on fold | titleWeight | propositionWeight | feedback weight × docs × terms | ${metric} fitted fold | ${metric} held-out fold | baseline held-out |\n|---|---:|---:|---:|---:|---:|---:|\n`);
  for (const f of fits) process.stdout.write(`| ${f.fitOn} → ${f.reportOn} | ${f.titleWeight} | ${f.propositionWeight} | ${f.feedback.weight} × ${f.feedback.documents} × ${f.feedback.terms} | ${f.fitted.toFixed(3)} | ${f.heldOut.toFixed(3)} | ${f.baselineHeldOut?.toFixed(3) ?? '—'} |\n`);
}

function product<A, B, C = never>(a: A[], b: B[], c?: C[]): Array<[A, B, C]> {
  return a.flatMap((x) => b.flatMap((y) => (c ?? [undefined as C]).map((z): [A, B, C] => [x, y, z])));
}

/** Mean of the metric over one fold's queries (the split `bin/propo eval --fold i/2` uses). */
function foldMean(run: EvalRun, fold: number): number {
  const values = run.perQuery.filter((o) => queryFold(o.queryId, 2) === fold).map((o) => o.metrics[metric]).filter((v): v is number => typeof v === 'number');
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
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
      if (property === 'searchText') return (query: string, k: number, filter?: object) => remember(`t|${k}|${JSON.stringify(filter)}|${query}`, () => target.searchText(query, k, filter));
      if (property === 'searchDense') return (vector: Float32Array, k: number, filter?: object) => remember(`d|${k}|${JSON.stringify(filter)}|${Buffer.from(vector.buffer).toString('base64')}`, () => target.searchDense(vector, k, filter));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
