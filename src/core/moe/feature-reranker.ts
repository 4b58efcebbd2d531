/**
 * Stage-1 feature reranker: a linear combination of the features in rerank-features.ts. The default
 * weights were fitted on the SciFact dev queries by coordinate ascent on nDCG@10 (seeded; fit on one
 * half of the queries, checked on the other — see docs/moe.md); `fitted-weights.ts` holds them.
 */
import { DEFAULT_FEATURE_WEIGHTS } from './fitted-weights.ts';
import { FEATURE_NAMES, rerankFeatures, type FeatureVector } from './rerank-features.ts';
import type { Stage1Reranker } from './reranker-types.ts';

export type FeatureWeights = Record<keyof FeatureVector, number>;

/** Σ weight · feature. */
export function linearScore(features: FeatureVector, weights: FeatureWeights): number {
  return FEATURE_NAMES.reduce((sum, name) => sum + weights[name] * features[name], 0);
}

export function createFeatureReranker(weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Stage1Reranker {
  return {
    name: 'features',
    score: (query, hits) => Promise.resolve(rerankFeatures(query, hits).map((f) => linearScore(f, weights))),
  };
}
