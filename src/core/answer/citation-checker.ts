/**
 * Checks every citation in an answer against the spans retrieved for that answer and the
 * store: a citation survives only if it names a retrieved span that exists in the store.
 * Invented, malformed and out-of-set citations are removed and counted.
 */
import type { CitationRef } from '../domain/index.ts';
import type { ResolvedCitation } from './answer-types.ts';
import { findMarkers, formatCitation, promptCitation } from './citation-marker.ts';

export interface CitableSpan extends CitationRef {
  text: string;
  documentId: string;
  propositionId: string;
  paragraphId: string;
}

export interface CheckResult {
  text: string;
  citations: ResolvedCitation[];
  rejected: number;
  rejectedMarkers: string[];
}

export type SpanExists = (ref: CitationRef) => boolean;

/** Builds a verifier for one answer from its retrieved spans (stored or prompt form of the marker). */
export function createCitationVerifier(retrieved: CitableSpan[], existsInStore: SpanExists) {
  const allowed = new Map(retrieved.flatMap((s) => [[formatCitation(s), s] as const, [promptCitation(s), s] as const]));
  return (marker: string): CitableSpan | null => {
    const span = allowed.get(marker.trim());
    return span && existsInStore(span) ? span : null;
  };
}

/**
 * Removes every citation-like marker the verifier rejects, repeating until nothing changes:
 * removing `[1]` from `[a.pdf:1:[1]0-5]` must not leave an unchecked `[a.pdf:1:0-5]` behind.
 */
export function stripUnverified(text: string, verify: (marker: string) => CitableSpan | null): { text: string; rejectedMarkers: string[] } {
  const rejectedMarkers: string[] = [];
  let current = text;
  for (let pass = 0; pass < 50; pass++) {
    let out = '';
    let cursor = 0;
    let removed = 0;
    for (const occurrence of findMarkers(current)) {
      if (occurrence.ref && verify(occurrence.marker)) continue;
      out += current.slice(cursor, occurrence.index).replace(/[ \t]+$/u, '');
      cursor = occurrence.index + occurrence.marker.length;
      rejectedMarkers.push(occurrence.marker);
      removed++;
    }
    current = out + current.slice(cursor);
    if (removed === 0) break;
  }
  return { text: current, rejectedMarkers };
}

export function checkCitations(text: string, verify: (marker: string) => CitableSpan | null): CheckResult {
  const stripped = stripUnverified(text, verify);
  const citations = new Map<string, ResolvedCitation>();
  for (const occurrence of findMarkers(stripped.text)) {
    const span = verify(occurrence.marker);
    if (span && !citations.has(occurrence.marker)) citations.set(occurrence.marker, { marker: occurrence.marker, ...span });
  }
  return { text: tidyAnswer(stripped.text), citations: [...citations.values()], rejected: stripped.rejectedMarkers.length, rejectedMarkers: stripped.rejectedMarkers };
}

/** Removes the spaces a removed marker leaves before punctuation and doubled spaces. */
export function tidyAnswer(text: string): string {
  return text.replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}
