/**
 * Maps a cited span of a PDF page's text back to the pdf.js text items it was built from, so the
 * browser can highlight exactly those characters on the rendered page (issue 15). The page is laid
 * out again with the parser's own code (pageLayout), and the result is only used when it rebuilds
 * the stored page text exactly; a page stored by an older parser yields `matches: false`.
 */
import { PropoError } from '../../../core/errors/index.ts';
import type { TextChunk } from './layout-page-text.ts';
import { documentParameters, loadPdfJs } from './load-pdfjs.ts';
import { mapPdfError } from './map-pdf-error.ts';
import { pageLayout } from './pdf-parser.ts';

/** Characters `from`..`to` of text item `index` (pdf.js `getTextContent()` items, default options) are cited. */
export interface SpanItem { index: number; from: number; to: number; str: string }

export interface PdfSpanItems {
  /** True when the page laid out again equals the stored page text (else `items` is empty). */
  matches: boolean;
  items: SpanItem[];
  /** Cited characters that come from annotation appearances (form fields), which have no text-layer item. */
  annotationChars: number;
}

/** The items of `chunks` overlapping characters [start, end) of their concatenation. */
export function spanItems(chunks: readonly TextChunk[], start: number, end: number, itemStrings: readonly string[]): { items: SpanItem[]; annotationChars: number } {
  const items: SpanItem[] = [];
  let annotationChars = 0;
  let position = 0;
  for (const chunk of chunks) {
    const chunkStart = position;
    position += chunk.str.length;
    if (chunk.item < 0 || position <= start || chunkStart >= end) continue;
    const from = chunk.from + Math.max(0, start - chunkStart);
    const to = chunk.from + Math.min(chunk.str.length, end - chunkStart);
    const str = itemStrings[chunk.item];
    if (str === undefined) { annotationChars += to - from; continue; }
    const last = items[items.length - 1];
    if (last !== undefined && last.index === chunk.item && last.to === from) last.to = to;
    else items.push({ index: chunk.item, from, to, str });
  }
  return { items, annotationChars };
}

/**
 * Which text items of page `pageNumber` characters [start, end) of `storedText` come from.
 * `fileName` only names the file in errors.
 */
export async function locatePdfSpan(bytes: Uint8Array, input: { fileName: string; page: number; start: number; end: number; storedText: string }): Promise<PdfSpanItems> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(documentParameters(bytes.slice(), undefined));
  try {
    const document = await task.promise.catch((error: unknown) => { throw mapPdfError(error, { fileName: input.fileName }); });
    if (input.page < 1 || input.page > document.numPages) {
      throw new PropoError('PROPO_ERR_NOT_FOUND', `${input.fileName} has no page ${input.page}; it has ${document.numPages}.`);
    }
    const page = await document.getPage(input.page);
    try {
      const layout = await pageLayout(pdfjs, page, true);
      if (layout.text !== input.storedText) return { matches: false, items: [], annotationChars: 0 };
      // Annotation runs are appended after the page's own items; the browser's text layer has only the latter.
      const strings = layout.items.slice(0, layout.contentItems).map((item) => item.str);
      return { matches: true, ...spanItems(layout.chunks, input.start, input.end, strings) };
    } finally {
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
}
