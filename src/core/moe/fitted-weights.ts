/**
 * Feature weights of the stage-1 reranker (see feature-reranker.ts), fitted by coordinate ascent on
 * nDCG@10 over the SciFact dev queries (seed 7, 2 random restarts; fit half 404 queries, validate half 405;
 * hybrid-RRF top-30 pool, hash embedder): nDCG@10 fit 0.555 → 0.624, validate 0.519 → 0.592.
 * Dense gets weight 0 with the hash embedder; refit with a semantic embedder:
 *   nice node --import ./bin/register.mjs test/moe/fit-reranker-weights.ts /work/shared/datasets/scifact <workDir>
 */
export const DEFAULT_FEATURE_WEIGHTS = { fused: 0.05, bm25: 5.35, dense: 0, coverage: 4.2, proximity: 0.55, phrase: 0.4 };
