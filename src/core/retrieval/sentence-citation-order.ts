/**
 * Citation order with sentence evidence (decision 0040): the ranked paragraphs that are cited are
 * re-ordered by reciprocal-rank fusion of their paragraph rank and the rank of their best
 * proposition in the proposition-level (sentence) search, so a paragraph ranked third whose
 * sentence is the best sentence match can be cited first. `weight` 0 keeps the paragraph order.
 * Only the first `window` paragraphs move; the rest keep their places (document ranking below the
 * window is unchanged).
 */
const RRF_K = 60;

export interface SentenceOrderOptions {
  /** Weight of the sentence rank's reciprocal term (0 = off). */
  weight: number;
  /** Paragraphs (from the top) that may change places. */
  window: number;
}

/**
 * Returns the paragraph indexes in citation order. `sentenceRank[i]` is the best rank (0-based)
 * of paragraph i's propositions in the sentence search, null when none of them was ranked.
 */
export function sentenceCitationOrder(sentenceRank: ReadonlyArray<number | null>, options: SentenceOrderOptions): number[] {
  const indexes = sentenceRank.map((_, i) => i);
  if (options.weight <= 0 || options.window <= 1) return indexes;
  const window = Math.min(options.window, sentenceRank.length);
  const score = (i: number): number => {
    const rank = sentenceRank[i];
    return 1 / (RRF_K + i + 1) + (rank === null || rank === undefined ? 0 : options.weight / (RRF_K + rank + 1));
  };
  const head = indexes.slice(0, window).sort((a, b) => score(b) - score(a) || a - b);
  return [...head, ...indexes.slice(window)];
}
