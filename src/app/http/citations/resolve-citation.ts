/**
 * Resolves `[file:page:start-end]` to its exact text, the paragraph around it and the whole page
 * (for the source viewer). The span must lie inside the page of a visible document.
 */
import type { ResolvedCitation } from '../../../core/answer/answer-types.ts';
import { parseCitation } from '../../../core/answer/citation-marker.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { safeFileName } from '../../../core/ingest/safe-file-name.ts';
import type { DocumentRepository } from '../../../providers/stores/sqlite/index.ts';

/** A citation's span (the answer's own fields) plus what the source viewer shows around it. */
export interface ResolvedSpan extends Pick<ResolvedCitation, 'file' | 'page' | 'start' | 'end' | 'text' | 'documentId'> {
  paragraph: { id: string; start: number; end: number; text: string } | null;
  pageText: string;
}

export function resolveCitation(documents: DocumentRepository, namespace: string, marker: string): ResolvedSpan {
  const trimmed = marker.trim();
  const ref = parseCitation(trimmed.startsWith('[') ? trimmed : `[${trimmed}]`);
  if (!ref) throw new PropoError('PROPO_ERR_VALIDATION', `"${marker.slice(0, 120)}" is not a citation. Expected [file:page:start-end].`);
  const absent = () => new PropoError('PROPO_ERR_NOT_FOUND', `No span ${trimmed.slice(0, 240)} in your documents. It may have been deleted or re-ingested.`);
  // Answers cite the safe form of names stored before names were restricted (issue 14.5).
  for (const doc of documents.list({ namespace }).filter((d) => d.file === ref.file || safeFileName(d.file) === ref.file)) {
    const page = documents.page(doc.id, ref.page);
    if (!page || ref.end > page.text.length) continue;
    const paragraph = documents.paragraphs(doc.id).find((p) => p.page === ref.page && p.start <= ref.start && p.end >= ref.end) ?? null;
    return {
      file: ref.file, page: ref.page, start: ref.start, end: ref.end, text: page.text.slice(ref.start, ref.end), documentId: doc.id,
      paragraph: paragraph ? { id: paragraph.id, start: paragraph.start, end: paragraph.end, text: paragraph.text } : null,
      pageText: page.text,
    };
  }
  throw absent();
}
