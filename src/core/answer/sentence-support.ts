/**
 * How well each cited sentence of an answer is supported by the spans it cites: lexical
 * overlap (the share of the sentence's content words found in its cited spans) by default, or
 * a cross-encoder's relevance of (sentence, span) when one is configured (the best cited span
 * counts). A sentence without a verified citation is `supported: false` with no score.
 */
import type { CrossEncoder } from '../moe/cross-encoder-reranker.ts';
import { queryTermCoverage } from '../retrieval/term-coverage.ts';
import type { AnswerSentence } from './answer-types.ts';
import type { CitableSpan } from './citation-checker.ts';
import { findMarkers } from './citation-marker.ts';
import type { GatedSentence } from './sentence-gate.ts';

export interface SupportScorer {
  readonly method: 'lexical' | 'cross-encoder';
  /** 0..1: how well `spans` support `claim`. */
  score(claim: string, spans: string[], signal?: AbortSignal): Promise<number>;
}

export const lexicalSupport: SupportScorer = {
  method: 'lexical',
  score: (claim, spans) => Promise.resolve(queryTermCoverage(claim, spans.join('\n'))),
};

/** The cross-encoder adapter returns sigmoid scores in 0..1 (`transformers-cross-encoder.ts`). */
export function crossEncoderSupport(encoder: CrossEncoder): SupportScorer {
  return {
    method: 'cross-encoder',
    async score(claim, spans, signal) {
      const scores = await encoder.score(claim, spans, signal);
      return Math.min(1, Math.max(0, ...scores));
    },
  };
}

/** The sentence without its markers and list bullet: what the cited spans must support. */
export function claimOf(sentence: string): string {
  let claim = sentence;
  for (const occurrence of findMarkers(sentence).reverse()) claim = claim.slice(0, occurrence.index) + claim.slice(occurrence.index + occurrence.marker.length);
  return claim.replace(/^\s*(?:[-*•]|\d{1,3}[.)])\s+/u, '').replace(/\s+([.,;:!?])/gu, '$1').replace(/\s+/gu, ' ').trim();
}

export async function scoreSentences(
  sentences: GatedSentence[],
  verify: (marker: string) => CitableSpan | null,
  scorer: SupportScorer,
  signal?: AbortSignal,
): Promise<AnswerSentence[]> {
  const scored: AnswerSentence[] = [];
  for (const sentence of sentences) {
    const citations = [...new Set(findMarkers(sentence.text).filter((m) => m.ref && verify(m.marker)).map((m) => m.marker))];
    const spans = citations.map((marker) => verify(marker)?.text ?? '');
    const support = sentence.cited && spans.length > 0 ? round(await scorer.score(claimOf(sentence.text), spans, signal)) : null;
    scored.push({ text: sentence.text, start: sentence.start, end: sentence.end, citations, supported: sentence.cited, support });
  }
  return scored;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
