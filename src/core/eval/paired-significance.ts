/**
 * Paired significance tests over per-query scores of two systems on the same queries.
 * - Paired bootstrap: resample queries with replacement; the 95% CI is the 2.5/97.5 percentiles
 *   of the resampled mean differences; the two-sided p-value is the share of resampled means that
 *   lie at least |observed| away from the observed mean (the bootstrap distribution shifted to the null).
 * - Paired permutation (randomisation) test: flip the sign of each query's difference at random;
 *   p = (#{|mean| ≥ |observed|} + 1) / (resamples + 1).
 * Both use a seeded generator, so results are reproducible.
 */
import { PropoError } from '../errors/index.ts';
import { percentile } from './percentile.ts';
import { seededRandom } from './seeded-random.ts';

export interface PairedTestOptions { resamples?: number; seed?: number }

export interface PairedTestResult {
  /** Number of paired queries. */
  n: number;
  meanA: number;
  meanB: number;
  /** mean(B − A). */
  difference: number;
  ci95: [number, number];
  pBootstrap: number;
  pPermutation: number;
}

const EPSILON = 1e-12;

export function pairedTest(a: readonly number[], b: readonly number[], options: PairedTestOptions = {}): PairedTestResult {
  if (a.length !== b.length) {
    throw new PropoError('PROPO_ERR_VALIDATION', `Paired test needs the same queries on both sides (got ${a.length} and ${b.length}). Run both configs on the same dataset and limit.`);
  }
  const resamples = options.resamples ?? 10_000;
  const seed = options.seed ?? 42;
  const n = a.length;
  const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);
  const diffs = a.map((value, i) => (b[i] as number) - value);
  const observed = mean(diffs);
  if (n === 0) return { n, meanA: 0, meanB: 0, difference: 0, ci95: [0, 0], pBootstrap: 1, pPermutation: 1 };

  const random = seededRandom(seed);
  const boot: number[] = new Array<number>(resamples);
  let bootExtreme = 0;
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[Math.floor(random() * n)] as number;
    const value = sum / n;
    boot[r] = value;
    if (Math.abs(value - observed) >= Math.abs(observed) - EPSILON) bootExtreme++;
  }
  let permExtreme = 0;
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += random() < 0.5 ? -(diffs[i] as number) : (diffs[i] as number);
    if (Math.abs(sum / n) >= Math.abs(observed) - EPSILON) permExtreme++;
  }
  return {
    n,
    meanA: mean(a),
    meanB: mean(b),
    difference: observed,
    ci95: [percentile(boot, 2.5), percentile(boot, 97.5)],
    pBootstrap: bootExtreme / resamples,
    pPermutation: (permExtreme + 1) / (resamples + 1),
  };
}
