/**
 * Maps a cited span of a PDF page's text back to the pdf.js text items it was built from, so the
 * browser can highlight exactly those characters on the rendered page (issue 15). The page is laid
 * out again with the parser's own code (pageLayout), and the result is only used when it rebuilds
 * the stored page text exactly; a page stored by an older parser yields `matches: false`. A page stored by the
 * PDFium engine (decision 0136) whose pdf.js layout differs is laid out again with PDFium, and its cited characters
 * are carried over to the pdf.js items (the browser's text layer) by aligning the two engines' characters.
 */
import { PropoError } from '../../../core/errors/index.ts';
import type { TextChunk } from './layout-page-text.ts';
import { documentParameters, loadPdfJs } from './load-pdfjs.ts';
import { mapPdfError } from './map-pdf-error.ts';
import { layoutPageTextTraced } from './layout-page-text.ts';
import { pageLayout } from './pdf-parser.ts';
import { readPdfium } from './pdfium-engine.ts';
import { placeTextItems, type TextItemLike } from './place-text-items.ts';

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
      // Annotation runs are appended after the page's own items; the browser's text layer has only the latter.
      const strings = layout.items.slice(0, layout.contentItems).map((item) => item.str);
      if (layout.text !== input.storedText) return (await pdfiumSpan(bytes, input, strings)) ?? { matches: false, items: [], annotationChars: 0 };
      return { matches: true, ...spanItems(layout.chunks, input.start, input.end, strings) };
    } finally {
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
}

/** Each non-whitespace character (NFKC) of `strings`, with the item and offset it comes from. */
function compactChars(strings: readonly string[]): { text: string; at: Array<[number, number]> } {
  let text = '';
  const at: Array<[number, number]> = [];
  strings.forEach((str, item) => {
    for (let offset = 0; offset < str.length; offset += 1) {
      for (const char of (str[offset] ?? '').normalize('NFKC').replace(/\s+/g, '')) {
        text += char;
        at.push([item, offset]);
      }
    }
  });
  return { text, at };
}

/** How far ahead (in characters) the two engines' character sequences are searched to get back in step. */
const ALIGN_WINDOW = 4000;
/** Characters that must agree for the two sequences to be in step again. */
const SYNC = 6;

/**
 * The span located through the PDFium layout, in pdf.js item terms; null when PDFium is not there or its layout
 * does not rebuild the stored text either. Characters pdf.js has no item for count as annotation characters.
 */
async function pdfiumSpan(bytes: Uint8Array, input: { page: number; start: number; end: number; storedText: string; fileName: string }, pdfjsStrings: readonly string[]): Promise<PdfSpanItems | null> {
  const read = await readPdfium(bytes, { fileName: input.fileName, password: undefined, maxPages: Number.MAX_SAFE_INTEGER, beforePage: () => undefined }).catch(() => null);
  const page = read?.pages[input.page - 1];
  if (page === undefined) return null;
  const { placed } = placeTextItems(page.items, page.view, page.reasons);
  const chunks = layoutPageTextTraced(placed);
  if (chunks.map((chunk) => chunk.str).join('') !== input.storedText) return null;
  const ours = compactChars(page.items.map((item: TextItemLike) => item.str));
  const theirs = compactChars(pdfjsStrings);
  // PDFium character (item, offset) → pdf.js character (item, offset): both engines read the content stream in
  // order, so the two character sequences are walked together, re-synchronised on the next common stretch where
  // they differ (a glyph one engine reads and the other does not, runs split or ordered differently).
  const pair: number[] = new Array<number>(ours.text.length).fill(-1);
  const used: boolean[] = new Array<boolean>(theirs.text.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < ours.text.length && j < theirs.text.length) {
    if (ours.text[i] === theirs.text[j]) {
      pair[i] = j;
      used[j] = true;
      i += 1;
      j += 1;
      continue;
    }
    const probe = ours.text.slice(i, i + SYNC);
    const back = theirs.text.slice(j, j + SYNC);
    const ahead = theirs.text.slice(j, j + ALIGN_WINDOW).indexOf(probe);
    const behind = ours.text.slice(i, i + ALIGN_WINDOW).indexOf(back);
    if (ahead < 0 && behind < 0) { i += 1; j += 1; continue; }
    if (behind < 0 || (ahead >= 0 && ahead <= behind)) j += Math.max(1, ahead);
    else i += Math.max(1, behind);
  }
  // Stretches left over (figure labels the engines order differently): the unused occurrence nearest to where the
  // preceding character went.
  for (let startAt = 0; startAt < ours.text.length;) {
    if (pair[startAt] !== -1) { startAt += 1; continue; }
    let endAt = startAt;
    while (endAt < ours.text.length && pair[endAt] === -1) endAt += 1;
    const key = ours.text.slice(startAt, endAt);
    const anchor = startAt > 0 ? (pair[startAt - 1] ?? 0) : 0;
    let best = -1;
    for (let at = theirs.text.indexOf(key); at >= 0; at = theirs.text.indexOf(key, at + 1)) {
      let free = true;
      for (let k = at; k < at + key.length && free; k += 1) free = used[k] !== true;
      if (free && (best < 0 || Math.abs(at - anchor) < Math.abs(best - anchor))) best = at;
    }
    if (best >= 0) for (let k = 0; k < key.length; k += 1) { pair[startAt + k] = best + k; used[best + k] = true; }
    startAt = endAt;
  }
  const mapped = new Map<string, [number, number]>();
  pair.forEach((target, index) => {
    const source = ours.at[index];
    const to = theirs.at[target];
    if (target >= 0 && source !== undefined && to !== undefined) mapped.set(`${source[0]}:${source[1]}`, to);
  });
  const located = spanItems(chunks, input.start, input.end, page.items.map((item) => item.str));
  const items: SpanItem[] = [];
  let annotationChars = located.annotationChars;
  for (const span of located.items) {
    for (let offset = span.from; offset < span.to; offset += 1) {
      if (/\s/.test(span.str[offset] ?? '')) continue;
      const target = mapped.get(`${span.index}:${offset}`);
      if (target === undefined) { annotationChars += 1; continue; }
      const [index, at] = target;
      const last = items[items.length - 1];
      if (last !== undefined && last.index === index && at >= last.from && at <= last.to + 1) last.to = Math.max(last.to, at + 1);
      else items.push({ index, from: at, to: at + 1, str: pdfjsStrings[index] ?? '' });
    }
  }
  return { matches: true, items, annotationChars };
}
