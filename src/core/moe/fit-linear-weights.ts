/**
 * Fits the feature reranker's weights by coordinate ascent on mean nDCG@10 (documents ranked at their
 * best candidate, binary relevance). Each round tries, for each weight in turn, adding each step of
 * a shrinking grid (±2, ±1, ±0.5, ±0.25, ±0.1, ±0.05) and keeps a change only when the metric improves.
 * Restarts: the given start, plus `restarts` seeded random starts; the best fit-set result wins.
 */
import { seededRandom } from '../eval/seeded-random.ts';
import { linearScore, type FeatureWeights } from './feature-reranker.ts';
import { FEATURE_NAMES, type FeatureVector } from './rerank-features.ts';

export interface FitExample {
  candidates: Array<{ features: FeatureVector; documentId: string }>;
  relevant: ReadonlySet<string>;
}

export interface FitOptions { start: FeatureWeights; seed?: number; restarts?: number; maxRounds?: number }

/** Mean nDCG@10 of the examples ranked by `weights`. */
export function meanNdcgAt10(examples: readonly FitExample[], weights: FeatureWeights): number {
  if (examples.length === 0) return 0;
  let total = 0;
  for (const example of examples) {
    const ranked = example.candidates.map((c) => ({ c, s: linearScore(c.features, weights) })).sort((a, b) => b.s - a.s);
    const documents: string[] = [];
    for (const { c } of ranked) if (!documents.includes(c.documentId)) documents.push(c.documentId);
    let dcg = 0;
    documents.slice(0, 10).forEach((d, i) => { if (example.relevant.has(d)) dcg += 1 / Math.log2(i + 2); });
    let ideal = 0;
    for (let i = 0; i < Math.min(10, example.relevant.size); i++) ideal += 1 / Math.log2(i + 2);
    total += ideal > 0 ? dcg / ideal : 0;
  }
  return total / examples.length;
}

export function fitLinearWeights(examples: readonly FitExample[], options: FitOptions): { weights: FeatureWeights; ndcg: number } {
  const random = seededRandom(options.seed ?? 7);
  const steps = [2, 1, 0.5, 0.25, 0.1, 0.05];
  const starts: FeatureWeights[] = [{ ...options.start }];
  for (let r = 0; r < (options.restarts ?? 2); r++) {
    starts.push(Object.fromEntries(FEATURE_NAMES.map((n) => [n, Math.round(random() * 20) / 20])) as FeatureWeights);
  }
  let best = { weights: options.start, ndcg: -1 };
  for (const start of starts) {
    const weights = { ...start };
    let current = meanNdcgAt10(examples, weights);
    for (let round = 0; round < (options.maxRounds ?? 6); round++) {
      let improved = false;
      for (const name of FEATURE_NAMES) {
        for (const step of steps) {
          for (const delta of [step, -step]) {
            const trial = { ...weights, [name]: Math.max(0, weights[name] + delta) };
            const value = meanNdcgAt10(examples, trial);
            if (value > current + 1e-9) { Object.assign(weights, trial); current = value; improved = true; }
          }
        }
      }
      if (!improved) break;
    }
    if (current > best.ndcg) best = { weights: { ...weights }, ndcg: current };
  }
  return best;
}
