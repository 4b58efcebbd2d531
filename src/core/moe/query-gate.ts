/**
 * The MoE gate. Before retrieval it decides whether to retrieve at all: only small talk
 * (isSmallTalk — a narrow rule that never matches a message with a content word) skips retrieval.
 * After retrieval it picks how many hits to keep, k ∈ [k_min, k_max]:
 *
 *   k = default_top_k + complexity_weight · complexity · (k_max − default_top_k)
 *                     − confidence_weight · confidence · (default_top_k − k_min)
 *
 * - complexity ∈ [0,1]: 0.6 · (content terms − 3)/9 + 0.4 · (clauses − 1)/3, each part clamped to [0,1];
 *   clauses are separated by , ; "and" "or" "but" "while" "whereas" "versus" or a further "?".
 * - confidence ∈ [0,1]: similarity confidence × sharpness.
 *   similarity confidence = (best dense cosine − low_sim_threshold) / (retrieve_sim_threshold − low_sim_threshold);
 *   sharpness = 1 − (runners-up whose score relative to the top (s/s₁) is ≥ high_score_cutoff) / k_min.
 * - then k is lowered to the number of "plausible" candidates (s/s₁ ≥ low_score_cutoff), but not below k_min.
 */
import type { PropoConfig } from '../config/index.ts';
import { contentTerms } from '../retrieval/term-coverage.ts';
import { isSmallTalk, smallTalkReply } from './small-talk.ts';

export type GateConfig = PropoConfig['moe']['gate'];

export interface GatePreDecision { decision: 'skip' | 'retrieve'; reply?: string }

export interface GateKDecision { k: number; complexity: number; confidence: number; plausible: number }

export interface QueryGate {
  /** Before retrieval: skip (small talk, with a reply) or retrieve. */
  beforeRetrieval(query: string): GatePreDecision;
  /** After retrieval and reranking: how many of the ranked hits to keep. */
  chooseK(query: string, ranked: ReadonlyArray<{ score: number; denseScore: number | null }>): GateKDecision;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Query complexity in [0,1] (see the module comment). */
export function queryComplexity(query: string): number {
  const terms = contentTerms(query).length;
  const separators = (query.match(/[,;]|\b(and|or|but|while|whereas|versus|vs)\b/giu) ?? []).length + Math.max(0, (query.match(/\?/gu) ?? []).length - 1);
  return clamp01(0.6 * clamp01((terms - 3) / 9) + 0.4 * clamp01(separators / 3));
}

export function createQueryGate(config: GateConfig): QueryGate {
  return {
    beforeRetrieval(query) {
      return isSmallTalk(query) ? { decision: 'skip', reply: smallTalkReply(query) } : { decision: 'retrieve' };
    },
    chooseK(query, ranked) {
      const complexity = queryComplexity(query);
      const window = ranked.slice(0, config.k_max);
      const scores = window.map((h) => h.score);
      const top = scores[0] ?? 0;
      const bottom = Math.min(...scores, top);
      // Scores relative to the top (all our stage scores are ≥ 0); min-max only if some are negative.
      const normalised = scores.map((s) => (bottom >= 0 ? (top > 0 ? s / top : 1) : (top > bottom ? (s - bottom) / (top - bottom) : 1)));
      const runnersUp = normalised.slice(1).filter((s) => s >= config.high_score_cutoff).length;
      const sharpness = clamp01(1 - runnersUp / config.k_min);
      const bestDense = Math.max(0, ...window.slice(0, 3).map((h) => h.denseScore ?? 0));
      const span = config.retrieve_sim_threshold - config.low_sim_threshold;
      const simConfidence = span > 0 ? clamp01((bestDense - config.low_sim_threshold) / span) : (bestDense >= config.retrieve_sim_threshold ? 1 : 0);
      const confidence = simConfidence * sharpness;
      const plausible = normalised.filter((s) => s >= config.low_score_cutoff).length;
      let k = Math.round(config.default_top_k
        + config.complexity_weight * complexity * (config.k_max - config.default_top_k)
        - config.confidence_weight * confidence * (config.default_top_k - config.k_min));
      k = Math.min(k, Math.max(config.k_min, plausible));
      k = Math.max(config.k_min, Math.min(config.k_max, k));
      return { k, complexity, confidence, plausible };
    },
  };
}
