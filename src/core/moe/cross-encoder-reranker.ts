/**
 * Stage-1 reranking with a cross-encoder: each (query, passage) pair is scored jointly by a model
 * such as cross-encoder/ms-marco-MiniLM-L-6-v2. The model sits behind the small `CrossEncoder` port
 * (adapter: transformers-cross-encoder.ts); here candidates are scored in batches of `batchSize`.
 */
import type { Stage1Reranker } from './reranker-types.ts';

/** Scores (query, passage) pairs; higher is more relevant. */
export interface CrossEncoder {
  readonly name: string;
  score(query: string, passages: readonly string[], signal?: AbortSignal): Promise<number[]>;
  close?(): Promise<void>;
}

export function createCrossEncoderReranker(crossEncoder: CrossEncoder, batchSize = 16): Stage1Reranker {
  return {
    name: `cross-encoder:${crossEncoder.name}`,
    async score(query, hits, signal) {
      const scores: number[] = [];
      for (let i = 0; i < hits.length; i += batchSize) {
        signal?.throwIfAborted();
        scores.push(...await crossEncoder.score(query, hits.slice(i, i + batchSize).map((h) => h.record.text), signal));
      }
      return scores;
    },
  };
}
