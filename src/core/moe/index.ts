/** Mixture-of-Experts retrieval: router (k-means experts), gate, two-stage reranker. See docs/moe.md. */
export { createMoePipeline, type MoePipeline, type MoePipelineDeps } from './create-moe-pipeline.ts';
export { createMoeRetriever, type MoeRetrievalResult, type MoeMetadata, type MoeMetrics, type BaseRetrieve, type RetrieveOptions } from './moe-retriever.ts';
export { createExpertRouter, type ExpertRouter, type RouterStorage, type RouterUpdate } from './expert-router.ts';
export { ROUTER_META_KEY, parseRouterState, type RouterState } from './router-state.ts';
export { routeQuery, type RoutingDecision } from './route-query.ts';
export { sphericalKmeans, nearestCentroid, dot } from './spherical-kmeans.ts';
export { labelClusters } from './label-clusters.ts';
export { lexicalCues } from './lexical-cues.ts';
export { createQueryGate, queryComplexity, type QueryGate } from './query-gate.ts';
export { isSmallTalk, smallTalkReply } from './small-talk.ts';
export { createFeatureReranker, linearScore, type FeatureWeights } from './feature-reranker.ts';
export { rerankFeatures, FEATURE_NAMES, type FeatureVector } from './rerank-features.ts';
export { createTwoStageReranker, type TwoStageReranker } from './two-stage-reranker.ts';
export { createListwiseReranker, parsePermutation } from './llm-listwise-reranker.ts';
export { createCrossEncoderReranker, type CrossEncoder } from './cross-encoder-reranker.ts';
export { fitLinearWeights } from './fit-linear-weights.ts';
