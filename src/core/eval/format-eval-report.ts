/** Human-readable renderings of runs and comparisons (terminal table and Markdown). */
import type { EvalComparison } from './compare-evaluations.ts';
import type { EvalRun } from './eval-types.ts';

const fixed = (value: number | null | undefined, digits = 3) => (typeof value === 'number' ? value.toFixed(digits) : '—');
/** A p-value; 0 (no resample as extreme) is shown as below the resolution of the test. */
const pValue = (p: number, resamples: number) => (p === 0 ? `< ${(1 / resamples).toPrecision(1)}` : p.toFixed(4));

/** The JSON summary printed by `propo eval --json`. */
export function evalSummary(run: EvalRun): Record<string, unknown> {
  const m = run.metrics;
  return {
    dataset: run.dataset,
    queries: run.queries,
    metrics: {
      'ndcg@10': m['ndcg@10'] ?? null, 'recall@10': m['recall@10'] ?? null, 'recall@100': m['recall@100'] ?? null,
      'mrr@10': m['mrr@10'] ?? null, 'hit@1': m['hit@1'] ?? null, 'hit@5': m['hit@5'] ?? null,
      citationSpanAccuracy: m.citationSpanAccuracy ?? null,
    },
    latencyMs: { p50: run.latencyMs.p50, p95: run.latencyMs.p95 },
    name: run.name,
    settings: run.settings,
    extraMetrics: Object.fromEntries(Object.entries(m).filter(([key]) => !['ndcg@10', 'recall@10', 'recall@100', 'mrr@10', 'hit@1', 'hit@5', 'citationSpanAccuracy'].includes(key))),
    ingestion: run.ingestion,
  };
}

/** A two-column metric table for the terminal. */
export function formatEvalRun(run: EvalRun): string {
  const rows = Object.entries(run.metrics).map(([key, value]) => `  ${key.padEnd(22)} ${fixed(value, key === 'documentsRetrieved' ? 1 : 3)}`);
  const ingestion = run.ingestion.cached ? `cached index ${run.ingestion.cacheDir}` : `ingested ${run.ingestion.documents} documents in ${run.ingestion.seconds.toFixed(1)} s (${run.ingestion.failed} failed)`;
  return [
    `${run.name} on ${run.dataset}: ${run.queries} queries, mode ${run.mode}, unit ${String(run.settings.unit)}, fusion ${String(run.settings.fusion)}`,
    `  ${ingestion}`,
    ...rows,
    `  ${'latency p50 / p95 (ms)'.padEnd(22)} ${run.latencyMs.p50.toFixed(1)} / ${run.latencyMs.p95.toFixed(1)}`,
  ].join('\n');
}

/** A Markdown table of a comparison: mean A, mean B, difference, 95% CI, p-values. */
export function formatComparisonMarkdown(comparison: EvalComparison): string {
  const header = [
    `**${comparison.b}** vs **${comparison.a}** on ${comparison.dataset} (${comparison.queries} queries; paired bootstrap and permutation, ${comparison.resamples} resamples, seed ${comparison.seed})`,
    '',
    '| metric | A | B | B − A | 95% CI | p (bootstrap) | p (permutation) |',
    '|---|---:|---:|---:|---|---:|---:|',
  ];
  const rows = comparison.metrics.map((m) =>
    `| ${m.metric} | ${fixed(m.meanA)} | ${fixed(m.meanB)} | ${m.difference >= 0 ? '+' : ''}${fixed(m.difference)} | [${fixed(m.ci95[0])}, ${fixed(m.ci95[1])}] | ${pValue(m.pBootstrap, comparison.resamples)} | ${pValue(m.pPermutation, comparison.resamples)} |`);
  return [...header, ...rows].join('\n');
}
