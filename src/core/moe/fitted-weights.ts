/** Feature weights of the stage-1 reranker (see feature-reranker.ts); refit with test/moe/fit-reranker-weights.ts. */
export const DEFAULT_FEATURE_WEIGHTS = { fused: 1, bm25: 0.3, dense: 0.3, coverage: 0.3, proximity: 0.2, phrase: 0.3 };
