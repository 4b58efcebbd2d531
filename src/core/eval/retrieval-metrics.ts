/**
 * Document-level ranking metrics. `ranked` is a list of document ids, best first, without
 * duplicates; `relevance` maps relevant document ids to graded gains (> 0). Definitions follow
 * trec_eval/BEIR: gains are the qrels grades, the discount is log2(rank + 1), the ideal DCG sorts
 * the qrels grades.
 */

/** 1 when a relevant document is among the first k, else 0. */
export function hitAt(ranked: readonly string[], relevance: ReadonlyMap<string, number>, k: number): number {
  return ranked.slice(0, k).some((id) => (relevance.get(id) ?? 0) > 0) ? 1 : 0;
}

/** Share of the relevant documents that are among the first k (0 when nothing is relevant). */
export function recallAt(ranked: readonly string[], relevance: ReadonlyMap<string, number>, k: number): number {
  const relevant = [...relevance.values()].filter((gain) => gain > 0).length;
  if (relevant === 0) return 0;
  return ranked.slice(0, k).filter((id) => (relevance.get(id) ?? 0) > 0).length / relevant;
}

/** Reciprocal rank of the first relevant document within the first k, else 0. */
export function reciprocalRankAt(ranked: readonly string[], relevance: ReadonlyMap<string, number>, k: number): number {
  const index = ranked.slice(0, k).findIndex((id) => (relevance.get(id) ?? 0) > 0);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** nDCG@k with linear gains (the grade itself) and a log2(rank + 1) discount. */
export function ndcgAt(ranked: readonly string[], relevance: ReadonlyMap<string, number>, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, index) => sum + (relevance.get(id) ?? 0) / Math.log2(index + 2), 0);
  const ideal = [...relevance.values()].filter((gain) => gain > 0).sort((a, b) => b - a).slice(0, k)
    .reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** The cut-offs reported for hit@k and recall@k. */
export const RANK_CUTOFFS = [1, 5, 10, 100] as const;

/** Every ranking metric of one query, keyed as in the JSON report. */
export function rankingMetrics(ranked: readonly string[], relevance: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of RANK_CUTOFFS) {
    out[`hit@${k}`] = hitAt(ranked, relevance, k);
    out[`recall@${k}`] = recallAt(ranked, relevance, k);
  }
  out['mrr@10'] = reciprocalRankAt(ranked, relevance, 10);
  out['ndcg@10'] = ndcgAt(ranked, relevance, 10);
  return out;
}
