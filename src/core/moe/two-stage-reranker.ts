/**
 * Two-stage reranking. Stage 1 (features or a cross-encoder) scores every candidate and sorts them.
 * Stage 2 (an LLM listwise reranker, optional) runs only when stage 1 is uncertain: the top-2 margin of
 * the min-max-normalised stage-1 scores is below `uncertaintyThreshold`. Stage 2 then sees only the
 * contenders — candidates whose normalised score is within `contenderWindow` of the top (early
 * termination: the clearly-behind tail is never sent) — and any stage-2 error keeps the stage-1 order.
 */
import type { RetrievedHit } from '../retrieval/hybrid-search.ts';
import type { ListwiseReranker } from './llm-listwise-reranker.ts';
import type { RerankOutcome, Stage1Reranker } from './reranker-types.ts';

export interface TwoStageRerankerOptions {
  stage1: Stage1Reranker;
  stage2?: ListwiseReranker | null;
  uncertaintyThreshold: number;
  /** Normalised-score distance from the top within which a candidate goes to stage 2 (default 0.5). */
  contenderWindow?: number;
}

export interface TwoStageReranker {
  rerank(query: string, hits: readonly RetrievedHit[], signal?: AbortSignal): Promise<RerankOutcome>;
}

export function createTwoStageReranker(options: TwoStageRerankerOptions): TwoStageReranker {
  const contenderWindow = options.contenderWindow ?? 0.5;
  return {
    async rerank(query, hits, signal) {
      const scores = await options.stage1.score(query, hits, signal);
      const ranked = hits.map((hit, i) => ({ hit: { ...hit, score: scores[i] ?? -Infinity }, index: i }))
        .sort((a, b) => b.hit.score - a.hit.score || a.index - b.index);
      const top = ranked[0]?.hit.score ?? 0;
      const bottom = ranked[ranked.length - 1]?.hit.score ?? 0;
      const normalised = ranked.map((r) => (top > bottom ? (r.hit.score - bottom) / (top - bottom) : 1));
      const margin = ranked.length < 2 ? 1 : 1 - (normalised[1] as number);
      const stage1Hits = ranked.map((r) => r.hit);
      const changed = (order: readonly RetrievedHit[]) => order.some((h, i) => h.id !== hits[i]?.id);
      const stage1 = (reason: 'certain' | 'disabled' | 'error', calls = 0, error?: string): RerankOutcome => ({
        hits: stage1Hits, stage: 'stage1', changed: changed(stage1Hits), margin,
        stage2: { used: false, reason, calls, ...(error ? { error } : {}) },
      });
      if (!options.stage2) return stage1('disabled');
      if (margin >= options.uncertaintyThreshold || ranked.length < 2) return stage1('certain');
      const contenders = stage1Hits.filter((_, i) => (normalised[i] as number) >= 1 - contenderWindow);
      try {
        const result = await options.stage2.rerank(query, contenders, signal);
        const order = [...result.hits, ...stage1Hits.slice(contenders.length)];
        return { hits: order, stage: 'stage2', changed: changed(order), margin, stage2: { used: true, reason: result.calls === 0 ? 'cached' : 'ranked', calls: result.calls } };
      } catch (error) {
        if (signal?.aborted) throw error;
        return stage1('error', 0, error instanceof Error ? error.message : String(error));
      }
    },
  };
}
