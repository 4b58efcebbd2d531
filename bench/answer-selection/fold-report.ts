/**
 * Splits saved eval runs (`<dataDir>/eval-runs/*.json`) by the XQuAD article folds and tests each
 * variant against the first run on each half (paired bootstrap and permutation, 10,000 resamples):
 * a variant whose weights were fitted on fold a counts only on fold b, and vice versa.
 *
 *   node --import ./bin/register.mjs bench/answer-selection/fold-report.ts --dataset ../shared/datasets/xquad-en base.json variant.json [...]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset } from '../../src/core/eval/load-dataset.ts';
import type { EvalRun } from '../../src/core/eval/eval-types.ts';
import { pairedTest } from '../../src/core/eval/paired-significance.ts';
import { articleOf, foldsByArticle } from './xquad-folds.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dataset: { type: 'string', default: '../shared/datasets/xquad-en' } } });
const dataset = await loadDataset(resolve(values.dataset));
const folds = foldsByArticle(dataset.corpus.map((r) => r.id));
const foldOf = (queryId: string) => folds.get(articleOf([...(dataset.qrels.get(queryId)?.keys() ?? [])][0] ?? '')) ?? 'a';
const runs = positionals.map((file) => JSON.parse(readFileSync(file, 'utf8')) as EvalRun);
const [base, ...variants] = runs;
if (!base) throw new Error('Give the baseline run first, then the variants.');
const value = (run: EvalRun, fold: string, metric: string) => run.perQuery.filter((o) => foldOf(o.queryId) === fold).map((o) => (o.metrics[metric] as number | null) ?? 0);
console.log('| variant | fold | queries | metric | baseline | variant | Δ | 95% CI | p (bootstrap) | p (permutation) |\n|---|---|---:|---|---:|---:|---:|---|---:|---:|');
for (const run of variants) {
  for (const fold of ['a', 'b']) {
    for (const metric of ['citationSpanAccuracy', 'citationSpanAccuracy@3', 'ndcg@10']) {
      const r = pairedTest(value(base, fold, metric), value(run, fold, metric));
      console.log(`| ${run.name} | ${fold} | ${r.n} | ${metric} | ${r.meanA.toFixed(3)} | ${r.meanB.toFixed(3)} | ${r.difference >= 0 ? '+' : ''}${r.difference.toFixed(3)} | [${r.ci95[0].toFixed(3)}, ${r.ci95[1].toFixed(3)}] | ${r.pBootstrap < 1e-4 ? '< 0.0001' : r.pBootstrap.toFixed(4)} | ${r.pPermutation.toFixed(4)} |`);
    }
  }
}
