/**
 * MoE A/B runner (a script, not a test): runs each variant on a dataset with runEvaluation and
 * compares each to the first with compareEvaluations (paired bootstrap + permutation).
 *   nice node --import ./bin/register.mjs test/moe/run-moe-ab.ts [--limit=N] <datasetDir> <workDir> <a.yaml> <b.yaml>...
 * Runs are saved to <workDir>/runs/<dataset>-<variant>.json and reused when present.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compareEvaluations, loadDataset, runEvaluation, type EvalRun } from '../../src/core/eval/index.ts';
import { indexSettings, openMoeEvalIndex, variantConfig } from './open-moe-eval-index.ts';

const limitArg = process.argv.find((a) => a.startsWith('--limit='));
const limit = limitArg ? Number(limitArg.slice('--limit='.length)) : undefined;
const [datasetDir, workDir, ...variants] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!datasetDir || !workDir || variants.length < 2) throw new Error('usage: run-moe-ab.ts <datasetDir> <workDir> <a.yaml> <b.yaml>...');
const dataset = await loadDataset(datasetDir, limit === undefined ? {} : { limit });
const suffix = limit === undefined ? '' : `-limit${limit}`;
mkdirSync(join(workDir, 'runs'), { recursive: true });
const runs: EvalRun[] = [];
for (const file of variants) {
  const name = basename(file, '.yaml');
  const saved = join(workDir, 'runs', `${dataset.name}${suffix}-${name}.json`);
  if (existsSync(saved)) { runs.push(JSON.parse(readFileSync(saved, 'utf8')) as EvalRun); continue; }
  const config = variantConfig(file, join(workDir, 'data'));
  const run = await runEvaluation({
    dataset, name, mode: 'hybrid', index: indexSettings(config), cacheRoot: join(workDir, 'cache'), topK: config.topK, candidates: config.retrieval.candidates,
    settings: { moe: config.moe },
  }, {
    openIndex: (dir) => openMoeEvalIndex(config, dir),
    onProgress: (p) => { if (p.done % 500 === 0 || p.done === p.total) process.stderr.write(`${name} ${p.phase} ${p.done}/${p.total}\n`); },
  });
  writeFileSync(saved, JSON.stringify(run));
  runs.push(run);
}
const [base, ...others] = runs as [EvalRun, ...EvalRun[]];
const fmt = (x: number | null | undefined) => (typeof x === 'number' ? x.toFixed(4) : '—');
const lines = [`## ${dataset.name} (${base.queries} queries) — each variant vs ${base.name}`, '',
  '| variant | nDCG@10 | Δ [95% CI] | p (perm) | R@100 | Δ | p | MRR@10 | span acc | Δ | p | p50 ms | p95 ms |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  `| ${base.name} | ${fmt(base.metrics['ndcg@10'])} | | | ${fmt(base.metrics['recall@100'])} | | | ${fmt(base.metrics['mrr@10'])} | ${fmt(base.metrics['citationSpanAccuracy'])} | | | ${base.latencyMs.p50.toFixed(1)} | ${base.latencyMs.p95.toFixed(1)} |`];
for (const run of others) {
  const c = compareEvaluations(base, run);
  const m = (name: string) => c.metrics.find((x) => x.metric === name);
  const d = (name: string) => { const x = m(name); return x ? `${x.difference >= 0 ? '+' : ''}${x.difference.toFixed(4)} [${x.ci95[0].toFixed(3)}, ${x.ci95[1].toFixed(3)}]` : '—'; };
  const p = (name: string) => { const x = m(name); return x ? x.pPermutation.toFixed(4) : '—'; };
  lines.push(`| ${run.name} | ${fmt(run.metrics['ndcg@10'])} | ${d('ndcg@10')} | ${p('ndcg@10')} | ${fmt(run.metrics['recall@100'])} | ${d('recall@100')} | ${p('recall@100')} | ${fmt(run.metrics['mrr@10'])} | ${fmt(run.metrics['citationSpanAccuracy'])} | ${d('citationSpanAccuracy')} | ${p('citationSpanAccuracy')} | ${run.latencyMs.p50.toFixed(1)} | ${run.latencyMs.p95.toFixed(1)} |`);
}
const report = lines.join('\n');
writeFileSync(join(workDir, `${dataset.name}${suffix}-report.md`), `${report}\n`);
process.stdout.write(`${report}\n`);
