/**
 * Features of one candidate for the stage-1 feature reranker, each in [0, 1]:
 * - fused: the hybrid (RRF/weighted) score divided by the best candidate's — the baseline order;
 * - bm25: the raw BM25 score divided by the best BM25 score among the candidates (0 when not a BM25 hit);
 * - dense: the dense cosine clipped to [0, 1] (candidates missing from the dense list get the lowest dense score seen);
 * - coverage: share of the query's content terms in the text (queryTermCoverage);
 * - proximity: (present query terms / size of the smallest window of content tokens containing all of them)
 *   × coverage — close-together matches score higher;
 * - phrase: longest run of consecutive query words found contiguously in the text, divided by the number
 *   of query words; 0 unless the run has ≥ 2 words (an exact-phrase match scores 1).
 */
import type { FusedHit } from '../retrieval/fuse.ts';
import { contentTerms, queryTermCoverage } from '../retrieval/term-coverage.ts';

export const FEATURE_NAMES = ['fused', 'bm25', 'dense', 'coverage', 'proximity', 'phrase'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

type Candidate = Pick<FusedHit, 'score' | 'denseScore' | 'bm25Score'> & { record: { text: string } };

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Smallest window (in content tokens) containing every distinct term of `wanted` that occurs in `tokens`. */
export function minimalWindow(tokens: readonly string[], wanted: ReadonlySet<string>): { present: number; window: number } {
  const present = new Set(tokens.filter((t) => wanted.has(t)));
  if (present.size === 0) return { present: 0, window: 0 };
  const counts = new Map<string, number>();
  let covered = 0;
  let best = Infinity;
  let left = 0;
  for (let right = 0; right < tokens.length; right++) {
    const term = tokens[right] as string;
    if (!present.has(term)) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    if (counts.get(term) === 1) covered += 1;
    while (covered === present.size) {
      best = Math.min(best, right - left + 1);
      const leftTerm = tokens[left] as string;
      if (present.has(leftTerm)) {
        const n = (counts.get(leftTerm) as number) - 1;
        counts.set(leftTerm, n);
        if (n === 0) covered -= 1;
      }
      left += 1;
    }
  }
  return { present: present.size, window: best };
}

/** Length of the longest run of consecutive query words that also occurs contiguously in the text. */
export function longestPhraseRun(queryWords: readonly string[], textWords: readonly string[]): number {
  let best = 0;
  let previous = new Array<number>(textWords.length + 1).fill(0);
  for (let i = 1; i <= queryWords.length; i++) {
    const current = new Array<number>(textWords.length + 1).fill(0);
    for (let j = 1; j <= textWords.length; j++) {
      if (queryWords[i - 1] === textWords[j - 1]) {
        current[j] = (previous[j - 1] as number) + 1;
        best = Math.max(best, current[j] as number);
      }
    }
    previous = current;
  }
  return best;
}

/** Feature vectors of `candidates` for `query` (same order). */
export function rerankFeatures(query: string, candidates: readonly Candidate[]): FeatureVector[] {
  const queryTerms = new Set(contentTerms(query));
  const queryWords = words(query);
  const topFused = Math.max(0, ...candidates.map((c) => c.score));
  const topBm25 = Math.max(0, ...candidates.map((c) => c.bm25Score ?? 0));
  const denseSeen = candidates.flatMap((c) => (c.denseScore === null ? [] : [c.denseScore]));
  const denseFloor = denseSeen.length ? Math.min(...denseSeen) : 0;
  return candidates.map((c) => {
    const text = c.record.text;
    const coverage = queryTermCoverage(query, text);
    const { present, window } = minimalWindow(contentTerms(text), queryTerms);
    const run = longestPhraseRun(queryWords, words(text));
    return {
      fused: topFused > 0 ? c.score / topFused : 0,
      bm25: topBm25 > 0 ? (c.bm25Score ?? 0) / topBm25 : 0,
      dense: Math.min(1, Math.max(0, c.denseScore ?? denseFloor)),
      coverage,
      proximity: present > 0 ? (present / window) * coverage : 0,
      phrase: run >= 2 && queryWords.length > 0 ? run / queryWords.length : 0,
    };
  });
}
