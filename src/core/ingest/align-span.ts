/**
 * Aligns a proposition (possibly reworded by an LLM) to the span of its paragraph that supports
 * it. Exact quote first; otherwise the window of sentences/clauses with the best token overlap.
 * Returns null when nothing in the paragraph supports the proposition well enough.
 */
import { segmentSentences } from './segment-sentences.ts';
import { contentTerms } from '../retrieval/term-coverage.ts';

export interface Alignment { start: number; end: number; support: number; exact: boolean }

export function alignSpan(pageText: string, paragraph: { start: number; end: number }, proposition: string, quote?: string, minSupport = 0.6): Alignment | null {
  const region = pageText.slice(paragraph.start, paragraph.end);
  for (const candidate of [quote, proposition]) {
    if (!candidate || candidate.trim().length < 3) continue;
    const at = region.indexOf(candidate.trim());
    if (at >= 0) return { start: paragraph.start + at, end: paragraph.start + at + candidate.trim().length, support: 1, exact: true };
  }
  const propTerms = new Set(contentTerms(proposition));
  if (propTerms.size === 0) return null;
  const sentences = segmentSentences(pageText, paragraph.start, paragraph.end);
  let best: Alignment | null = null;
  for (let i = 0; i < sentences.length; i++) {
    for (let j = i; j < Math.min(sentences.length, i + 3); j++) {
      const start = (sentences[i] as [number, number])[0];
      const end = (sentences[j] as [number, number])[1];
      const windowTerms = new Set(contentTerms(pageText.slice(start, end)));
      let covered = 0;
      for (const t of propTerms) if (windowTerms.has(t)) covered++;
      const support = covered / propTerms.size;
      // Highest support wins; among equals, the shortest window.
      if (!best || support > best.support || (support === best.support && end - start < best.end - best.start)) best = { start, end, support, exact: false };
    }
  }
  return best && best.support >= minSupport ? best : null;
}
