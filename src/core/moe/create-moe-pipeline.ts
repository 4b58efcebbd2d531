/**
 * Builds the MoE pipeline from validated config (called by the composition root when
 * `moe.enabled`): router (k-means experts), gate, two-stage reranker, and the wrapping retriever.
 * Each component is built only when its own `enabled` flag is set.
 */
import type { PropoConfig } from '../config/index.ts';
import type { LlmProvider, VectorStore } from '../ports/index.ts';
import { createCrossEncoderReranker, type CrossEncoder } from './cross-encoder-reranker.ts';
import { createExpertRouter, type ExpertRouter, type RouterStorage } from './expert-router.ts';
import { createFeatureReranker } from './feature-reranker.ts';
import { createListwiseReranker } from './llm-listwise-reranker.ts';
import { createMoeRetriever, type BaseRetrieve, type MoeMetrics, type MoeRetrievalResult, type RetrieveOptions } from './moe-retriever.ts';
import { createQueryGate } from './query-gate.ts';
import { createTwoStageReranker } from './two-stage-reranker.ts';
import type { Stage1Reranker } from './reranker-types.ts';

export interface MoePipelineDeps {
  config: PropoConfig;
  baseRetrieve: BaseRetrieve;
  vectors: VectorStore;
  storage: RouterStorage;
  embedder: { name: string; embedQuery(text: string, options?: { signal?: AbortSignal }): Promise<Float32Array> };
  llm: LlmProvider | null;
  metrics?: MoeMetrics;
  /** Overrides the transformers cross-encoder (tests, other runtimes). */
  crossEncoder?: CrossEncoder;
}

export interface MoePipeline {
  retrieve(query: string, options?: RetrieveOptions): Promise<MoeRetrievalResult>;
  /** Null when the router is disabled; call `router.update()` after each ingestion. */
  router: ExpertRouter | null;
  close(): Promise<void>;
}

/**
 * Stage 1 scoring the text that was ranked: with paragraph-ranked retrieval each hit is a paragraph
 * cited through one sentence, so the reranker reads the paragraph (its BM25 and fused scores are the
 * paragraph's too); the hits it returns are the cited ones, unchanged.
 */
export function scoringParagraphs(stage1: Stage1Reranker): Stage1Reranker {
  return {
    name: `${stage1.name}(paragraph)`,
    score: (query, hits, signal) => stage1.score(query, hits.map((h) => (h.paragraph ? { ...h, record: { ...h.record, text: h.paragraph.text } } : h)), signal),
  };
}

export function createMoePipeline(deps: MoePipelineDeps): MoePipeline {
  const { moe } = deps.config;
  const router = moe.router.enabled
    ? createExpertRouter({ vectors: deps.vectors, storage: deps.storage, config: moe.router, embedder: deps.embedder.name, namespace: deps.config.namespace, unit: deps.config.retrieval.unit })
    : null;
  // The composition root builds the cross-encoder adapter (providers/rerankers) when stage1 is 'cross-encoder'.
  const crossEncoder = moe.reranker.enabled && moe.reranker.stage1 === 'cross-encoder'
    ? deps.crossEncoder
    : null;
  const stage1 = crossEncoder ? createCrossEncoderReranker(crossEncoder, moe.reranker.batch_size) : createFeatureReranker();
  const paragraphRanked = deps.config.retrieval.unit === 'proposition' && deps.config.retrieval.rankBy === 'paragraph';
  const reranker = moe.reranker.enabled
    ? createTwoStageReranker({
      stage1: paragraphRanked && moe.reranker.scoreText === 'paragraph' ? scoringParagraphs(stage1) : stage1,
      stage2: moe.reranker.stage2_llm && deps.llm ? createListwiseReranker({ llm: deps.llm, batchSize: moe.reranker.batch_size }) : null,
      uncertaintyThreshold: moe.reranker.uncertainty_threshold,
    })
    : null;
  const retrieve = createMoeRetriever({
    baseRetrieve: deps.baseRetrieve,
    embedQuery: (text, signal) => deps.embedder.embedQuery(text, signal ? { signal } : {}),
    router,
    gate: moe.gate.enabled ? createQueryGate(moe.gate) : null,
    reranker,
    config: { defaultK: deps.config.topK, gateKMax: moe.gate.k_max },
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  return { retrieve, router, close: async () => { await crossEncoder?.close?.(); } };
}
