/**
 * Citation-span accuracy of one query, in corpus-text offsets (see docs/evaluation.md):
 * - `topSpanContainsAnswer` (XQuAD-style): the top cited span (or one of the top k) is in a gold
 *   document and contains a gold answer span: hit.start ≤ answer.start and answer.end ≤ hit.end.
 * - `spansOverlapRationale` (SciFact-style): one of the top-k cited spans shares at least one
 *   character with a gold rationale span of the same document.
 * Both return null for a query without gold spans (it is left out of the mean).
 */
import type { AnswerSpan, CorpusHit } from './eval-types.ts';

export function topSpanContainsAnswer(hits: readonly CorpusHit[], gold: readonly AnswerSpan[], k = 1): number | null {
  if (gold.length === 0) return null;
  return hits.slice(0, k).some((hit) => gold.some((a) => a.documentId === hit.documentId && hit.start <= a.start && a.end <= hit.end)) ? 1 : 0;
}

export function spansOverlapRationale(hits: readonly CorpusHit[], gold: readonly AnswerSpan[], k: number): number | null {
  if (gold.length === 0) return null;
  return hits.slice(0, k).some((hit) => gold.some((a) => a.documentId === hit.documentId && hit.start < a.end && a.start < hit.end)) ? 1 : 0;
}
