/**
 * Compares two runs over the same queries: for each metric both runs report, the paired mean
 * difference (B − A) with a paired bootstrap 95% CI and bootstrap and permutation p-values.
 */
import { PropoError } from '../errors/index.ts';
import type { EvalRun } from './eval-types.ts';
import { pairedTest, type PairedTestOptions, type PairedTestResult } from './paired-significance.ts';

/** Metrics compared by default (those a user reads; diagnostics are left out). */
export const COMPARED_METRICS = ['ndcg@10', 'recall@10', 'recall@100', 'mrr@10', 'hit@1', 'hit@5', 'citationSpanAccuracy', 'citationSpanAccuracy@3', 'citationSpanOverlap'] as const;

export interface MetricComparison extends PairedTestResult { metric: string }

export interface EvalComparison {
  dataset: string;
  a: string;
  b: string;
  queries: number;
  resamples: number;
  seed: number;
  metrics: MetricComparison[];
}

export function compareEvaluations(a: EvalRun, b: EvalRun, options: PairedTestOptions & { metrics?: readonly string[] } = {}): EvalComparison {
  const byQuery = new Map(b.perQuery.map((o) => [o.queryId, o]));
  const pairs = a.perQuery.flatMap((o) => {
    const other = byQuery.get(o.queryId);
    return other ? [[o, other] as const] : [];
  });
  if (pairs.length !== a.perQuery.length || pairs.length !== b.perQuery.length) {
    throw new PropoError('PROPO_ERR_VALIDATION', `The two runs do not share the same queries (${a.perQuery.length} vs ${b.perQuery.length}, ${pairs.length} in common). Compare runs of one dataset with the same --limit.`);
  }
  const resamples = options.resamples ?? 10_000;
  const seed = options.seed ?? 42;
  const metrics: MetricComparison[] = [];
  for (const metric of options.metrics ?? COMPARED_METRICS) {
    // A metric is compared on the queries where both runs define it (e.g. queries with gold spans).
    const defined = pairs.filter(([x, y]) => typeof x.metrics[metric] === 'number' && typeof y.metrics[metric] === 'number');
    if (defined.length === 0) continue;
    const result = pairedTest(defined.map(([x]) => x.metrics[metric] as number), defined.map(([, y]) => y.metrics[metric] as number), { resamples, seed });
    metrics.push({ metric, ...result });
  }
  return { dataset: a.dataset, a: a.name, b: b.name, queries: pairs.length, resamples, seed, metrics };
}
