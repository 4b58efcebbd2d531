/**
 * Checks every citation in an answer against the spans retrieved for that answer and the
 * store: a citation survives only if it names a retrieved span that exists in the store.
 * Invented, malformed and out-of-set citations are removed and counted.
 */
import type { CitationRef } from '../domain/index.ts';
import type { ResolvedCitation } from './answer-types.ts';
import { findMarkers, formatCitation } from './citation-marker.ts';

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

/** Builds a verifier for one answer from its retrieved spans. */
export function createCitationVerifier(retrieved: CitableSpan[], existsInStore: SpanExists) {
  const allowed = new Map(retrieved.map((s) => [formatCitation(s), s]));
  return (marker: string): CitableSpan | null => {
    const span = allowed.get(marker.trim());
    return span && existsInStore(span) ? span : null;
  };
}

export function checkCitations(text: string, verify: (marker: string) => CitableSpan | null): CheckResult {
  const citations = new Map<string, ResolvedCitation>();
  const rejectedMarkers: string[] = [];
  let out = '';
  let cursor = 0;
  for (const occurrence of findMarkers(text)) {
    out += text.slice(cursor, occurrence.index);
    cursor = occurrence.index + occurrence.marker.length;
    const span = occurrence.ref ? verify(occurrence.marker) : null;
    if (span) {
      out += occurrence.marker;
      if (!citations.has(occurrence.marker)) citations.set(occurrence.marker, { marker: occurrence.marker, ...span });
    } else {
      rejectedMarkers.push(occurrence.marker);
      out = out.replace(/[ \t]+$/u, '');
    }
  }
  out += text.slice(cursor);
  return { text: tidy(out), citations: [...citations.values()], rejected: rejectedMarkers.length, rejectedMarkers };
}

function tidy(text: string): string {
  return text.replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}
