/**
 * Citation markers `[file:page:start-end]`. File names may contain spaces and dots (never
 * `[`, `]` or `:` — ingestion stores safe names, `safe-file-name.ts`).
 */
import type { CitationRef } from '../domain/index.ts';
import { safeFileName } from '../ingest/safe-file-name.ts';

export const CITATION_PATTERN = /\[([^[\]\n:]{1,200}):(\d{1,6}):(\d{1,9})-(\d{1,9})\]/g;
/** Anything bracketed that looks like an attempt at a citation (for counting malformed ones). */
const CITATION_LIKE = /\[(?:[^[\]\n]{0,200}:\s*\d[^[\]\n]{0,40}|S\d{1,3}|source\s*\d{1,3}|\d{1,3})\]/gi;

export function formatCitation(ref: CitationRef): string {
  return `[${ref.file}:${ref.page}:${ref.start}-${ref.end}]`;
}

/**
 * The marker offered to the LLM (and so written in answers): the file part is always the safe
 * form, also for documents stored before names were restricted (issue 14.5). For those stored
 * since, it is the stored marker itself.
 */
export function promptCitation(ref: CitationRef): string {
  return formatCitation({ ...ref, file: safeFileName(ref.file) });
}

export function parseCitation(marker: string): CitationRef | null {
  const match = new RegExp(`^${CITATION_PATTERN.source}$`).exec(marker.trim());
  if (!match) return null;
  const ref = { file: match[1] as string, page: Number(match[2]), start: Number(match[3]), end: Number(match[4]) };
  return ref.page >= 1 && ref.end > ref.start ? ref : null;
}

export interface MarkerOccurrence { marker: string; index: number; ref: CitationRef | null }

/** Every well-formed or malformed citation-like marker in a text, in order. */
export function findMarkers(text: string): MarkerOccurrence[] {
  const found = new Map<number, MarkerOccurrence>();
  for (const m of text.matchAll(CITATION_LIKE)) found.set(m.index, { marker: m[0], index: m.index, ref: parseCitation(m[0]) });
  for (const m of text.matchAll(CITATION_PATTERN)) found.set(m.index, { marker: m[0], index: m.index, ref: parseCitation(m[0]) });
  return [...found.values()].sort((a, b) => a.index - b.index);
}
