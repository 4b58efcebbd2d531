/** Shared shapes of the MoE rerankers. */
import type { RetrievedHit } from '../retrieval/hybrid-search.ts';

/** Stage 1: scores every candidate (higher is better); the order of `scores` follows `hits`. */
export interface Stage1Reranker {
  readonly name: string;
  score(query: string, hits: readonly RetrievedHit[], signal?: AbortSignal): Promise<number[]>;
}

/** What reranking did, for `metadata.rerank`. */
export interface RerankOutcome {
  hits: RetrievedHit[];
  stage: 'stage1' | 'stage2';
  /** True when the order of the hits differs from the input order. */
  changed: boolean;
  /** Top-2 margin of the min-max-normalised stage-1 scores. */
  margin: number;
  stage2?: { used: boolean; reason: 'certain' | 'disabled' | 'ranked' | 'cached' | 'error'; error?: string; calls: number };
}
