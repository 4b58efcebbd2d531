/**
 * The text items of a cited PDF span (for the highlight on the rendered page), read from the kept
 * original. Results are cached per document page and span: the re-layout costs one page parse.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';
import { locatePdfSpan, type PdfSpanItems } from '../../../providers/parsers/pdf/pdf-span-items.ts';
import type { PropoApp } from '../../compose.ts';
import { resolveCitation } from './resolve-citation.ts';

export interface PdfSpanAnswer extends PdfSpanItems {
  documentId: string;
  file: string;
  page: number;
  start: number;
  end: number;
  /** Where the browser fetches the PDF from (same auth as the API). */
  originalUrl: string;
}

const CACHE_SIZE = 64;
const cache = new Map<string, PdfSpanItems>();

export async function pdfSpan(app: PropoApp, marker: string): Promise<PdfSpanAnswer> {
  const span = resolveCitation(app.documents, app.config.namespace, marker);
  const doc = app.documents.findById(span.documentId);
  if (!doc) throw new PropoError('PROPO_ERR_NOT_FOUND', `No document for ${marker.slice(0, 200)}. Refresh the page.`);
  if (doc.kind !== 'pdf') throw new PropoError('PROPO_ERR_VALIDATION', `${doc.file} is not a PDF; open its text view instead.`);
  // The stored text is part of the key: a re-ingest by another parser version must not reuse an old answer.
  const key = `${doc.sha256}:${span.page}:${span.start}:${span.end}:${createHash('sha256').update(span.pageText).digest('hex')}`;
  let items = cache.get(key);
  if (!items) {
    const bytes = await readFile(join(app.config.dataDir, 'files', doc.sha256)).catch(() => null);
    if (!bytes) throw new PropoError('PROPO_ERR_NOT_FOUND', `The original of ${doc.file} is no longer kept. Upload it again to see its pages.`);
    items = await locatePdfSpan(new Uint8Array(bytes), { fileName: doc.file, page: span.page, start: span.start, end: span.end, storedText: span.pageText });
    cache.set(key, items);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return { documentId: doc.id, file: span.file, page: span.page, start: span.start, end: span.end, originalUrl: `/api/documents/${encodeURIComponent(doc.id)}/original`, ...items };
}
