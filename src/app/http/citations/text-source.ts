/**
 * The source of a Markdown or TXT citation for the viewer's rendered view (issue 15): the page of the kept
 * original as written, and the span in it. Markdown pages map plain-text offsets back to the source
 * (pages.source_offsets, from the Markdown parser); a TXT page is its own source.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';
import { decodeText } from '../../../providers/parsers/txt/decode-text.ts';
import { splitPages } from '../../../providers/parsers/txt/split-pages.ts';
import type { PropoApp } from '../../compose.ts';
import { resolveCitation } from './resolve-citation.ts';

export interface TextSource {
  /** 'markdown': `text` is Markdown source to render; 'text': plain text. */
  format: 'markdown' | 'text';
  text: string;
  /** The cited span in `text`. */
  start: number;
  end: number;
}

export async function textSource(app: PropoApp, marker: string): Promise<TextSource> {
  const span = resolveCitation(app.documents, app.config.namespace, marker);
  const doc = app.documents.findById(span.documentId);
  const page = doc ? app.documents.page(doc.id, span.page) : null;
  if (!doc || !page) throw new PropoError('PROPO_ERR_NOT_FOUND', `No document for ${marker.slice(0, 200)}. Refresh the page.`);
  if (doc.kind === 'md' && page.sourceOffsets) {
    const bytes = await readFile(join(app.config.dataDir, 'files', doc.sha256)).catch(() => null);
    const source = bytes ? splitPages(decodeText(new Uint8Array(bytes)).text)[span.page - 1] : undefined;
    const from = page.sourceOffsets[span.start];
    const to = page.sourceOffsets[span.end];
    if (source && from !== undefined && to !== undefined && from >= source.offset && to <= source.offset + source.text.length) {
      return { format: 'markdown', text: source.text, start: from - source.offset, end: to - source.offset };
    }
  }
  if (doc.kind === 'md' || doc.kind === 'txt') return { format: 'text', text: page.text, start: span.start, end: span.end };
  throw new PropoError('PROPO_ERR_VALIDATION', `${doc.file} is a ${doc.kind} document; its source view is the page text.`);
}
