/**
 * PDF parser on pdf.js: text per page in reading order (see layout-page-text.ts), hidden text
 * dropped and reported in `warnings`, and pdf.js failures mapped to typed errors.
 */
import type { PageText, ParsedDocument } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import type { PDFDocumentProxy, PDFPageProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { OcrSettings } from '../../ocr/ocr-settings.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';
import { walkGraphics, type AnnotationRun } from './graphics-walk.ts';
import { findHiddenItems } from './invisible-text.ts';
import { layoutPageTextTraced, type TextChunk } from './layout-page-text.ts';
import { ocrPdfPages } from './ocr-pdf-pages.ts';
import { documentParameters, loadPdfJs, type PdfJs } from './load-pdfjs.ts';
import { INCORRECT_PASSWORD, mapPdfError } from './map-pdf-error.ts';
import { textContentGate } from './pdfjs-worker-patch.ts';
import { placeTextItems, type HiddenReason, type HiddenTextCounts, type TextItemLike } from './place-text-items.ts';
import { readPdfium } from './pdfium-engine.ts';
import { saslprepPassword } from './saslprep-password.ts';

type LoadingTask = ReturnType<PdfJs['getDocument']>;

export interface PdfParserOptions {
  /** Documents with more pages are refused with PROPO_ERR_PDF_LIMITS. */
  maxPages: number;
  /**
   * Walk each page's operator list to find hidden text (render mode 3/7, drawn in the colour beneath it) and
   * the text of form fields and other annotation appearances. Default true.
   */
  detectInvisibleText?: boolean;
  /** OCR bounds; without them OCR is unavailable and image-only PDFs are refused. */
  ocr?: OcrSettings;
  /**
   * ingest.pdfEngine: `pdfjs` (default) or `pdfium` (pdfium-engine.ts, decision 0136), which reads the text and its
   * visibility through PDFium and hands the document to pdf.js when it cannot (encrypted, damaged, form fields).
   */
  engine?: PdfEngine;
}

export type PdfEngine = 'pdfjs' | 'pdfium';

function describeHidden(hidden: HiddenTextCounts, page: number): string | undefined {
  const total = hidden.invisible + hidden.background + hidden.tiny + hidden.outside;
  if (total === 0) return undefined;
  return `dropped ${total} hidden text items on page ${page} ` +
    `(invisible render mode: ${hidden.invisible}, font under 1pt: ${hidden.tiny}, outside the page: ${hidden.outside}, ` +
    `in the colour beneath it: ${hidden.background})`;
}

/** An annotation run as a pdf.js-like text item, so the same visibility checks and layout apply. */
function annotationItem(run: AnnotationRun): TextItemLike {
  const cos = Math.cos(run.angle);
  const sin = Math.sin(run.angle);
  return { str: run.str, dir: 'ltr', transform: [run.size * cos, run.size * sin, -run.size * sin, run.size * cos, run.x, run.y], width: run.width, height: run.size };
}

/**
 * Annotation kinds whose appearance is drawn geometry (a box, a stroke, a tint), never text: over every PDF of the
 * shared documents, 0 of 147 links, 827 highlights and 124 ink drawings showed text (bench/ingest/gate-links.ts);
 * free text and form fields did (28 of 35, 15 of 28).
 */
const GEOMETRIC_ANNOTATIONS = new Set(['Link', 'Highlight', 'Underline', 'Squiggly', 'StrikeOut', 'Ink', 'Popup']);

/**
 * Whether the operator-list walk could find anything on this page (decision 0095): the patched text-content pass
 * marked a render mode or fill colour that can hide text, or an annotation other than a geometric one has an
 * appearance (form fields, buttons, free text). Without the patch every page is walked.
 */
async function mayHideText(page: PDFPageProxy, items: readonly object[]): Promise<boolean> {
  if (!textContentGate) return true;
  if (items.some((item) => 'type' in item && item.type === 'propoMayHide')) return true;
  const annotations = (await page.getAnnotations({ intent: 'display' })) as Array<{ hasAppearance?: boolean; subtype?: string }>;
  return annotations.some((annotation) => annotation.hasAppearance !== false && !GEOMETRIC_ANNOTATIONS.has(annotation.subtype ?? ''));
}

/** One page's text, the chunks it is made of (TextChunk.item indexes `items`), and a hidden-text warning. */
export async function pageLayout(pdfjs: PdfJs, page: PDFPageProxy, detectInvisible: boolean): Promise<{ text: string; chunks: TextChunk[]; items: TextItemLike[]; contentItems: number; warning?: string }> {
  const content = await page.getTextContent();
  const items: TextItemLike[] = content.items.filter((item): item is TextItem => 'str' in item);
  const contentItems = items.length;
  let reasons: Array<HiddenReason | null> | null = null;
  if (detectInvisible && await mayHideText(page, content.items)) {
    // ENABLE: the operator list includes annotation appearances (form fields, buttons) as a viewer shows them.
    const operatorList = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE });
    const { page: shown, annotations } = walkGraphics(operatorList, pdfjs.OPS);
    reasons = items.length > 0 ? findHiddenItems(shown, items) : null;
    if (annotations.length > 0) {
      reasons = [...(reasons ?? items.map(() => null)), ...annotations.map((run) => run.hidden)];
      items.push(...annotations.map(annotationItem));
    }
  }
  const { placed, hidden } = placeTextItems(items, page.view, reasons);
  const warning = describeHidden(hidden, page.pageNumber);
  const chunks = layoutPageTextTraced(placed);
  return { text: chunks.map((chunk) => chunk.str).join(''), chunks, items, contentItems, ...(warning === undefined ? {} : { warning }) };
}

async function readPages(pdfjs: PdfJs, document: PDFDocumentProxy, bytes: Uint8Array, options: ParseOptions, parser: PdfParserOptions & { detectInvisibleText: boolean }): Promise<ParsedDocument> {
  const pages: PageText[] = [];
  const warnings: string[] = [];
  let failedPages = 0;
  for (let number = 1; number <= document.numPages; number += 1) {
    throwIfAborted(options.signal, options.fileName);
    let page: PDFPageProxy | undefined;
    try {
      page = await document.getPage(number);
      const result = await pageLayout(pdfjs, page, parser.detectInvisibleText);
      pages.push({ number, text: result.text });
      if (result.warning !== undefined) warnings.push(result.warning);
    } catch (error) {
      failedPages += 1;
      pages.push({ number, text: '' });
      warnings.push(`page ${number} could not be read (${error instanceof Error ? error.message : String(error)}); it is empty`);
    } finally {
      page?.cleanup();
    }
  }
  if (failedPages === document.numPages) {
    throw new PropoError('PROPO_ERR_PDF_CORRUPT', `${options.fileName}: no page of the PDF could be read. Repair or re-export the PDF, then ingest again.`);
  }
  return finishPages(pages, warnings, bytes, options, parser);
}

/** OCR of the pages without text (as the options say), or the no-text-layer refusal. */
async function finishPages(pages: PageText[], warnings: string[], bytes: Uint8Array, options: ParseOptions, parser: PdfParserOptions): Promise<ParsedDocument> {
  const mode = options.ocr ?? 'auto';
  const noText = pages.every((page) => page.text.trim() === '');
  if (mode !== 'off' && parser.ocr !== undefined) {
    // auto: the pages without a text layer (scans, image-only pages); force: every page.
    const chosen = pages.filter((page) => mode === 'force' || page.text.trim() === '').map((page) => page.number);
    warnings.push(...await ocrPdfPages(bytes, pages, chosen, options, parser.ocr));
    if (pages.every((page) => page.text.trim() === '')) {
      throw new PropoError('PROPO_ERR_PDF_NO_TEXT', `${options.fileName} has no text layer and OCR found no text on its ${pages.length === 1 ? 'page' : `${pages.length} pages`}. Check that the scan shows printed text, upright and legible.`);
    }
  } else if (noText) {
    throw new PropoError(
      'PROPO_ERR_PDF_NO_TEXT',
      mode === 'off'
        ? `${options.fileName} has no text layer (scanned?) and OCR is off for this ingest. Ingest it with OCR auto (bin/propo ingest --ocr auto, the OCR choice on the upload form, or ingest.ocr: auto), or run ocrmypdf first.`
        : `${options.fileName} has no text layer (scanned?). Run OCR, e.g. ocrmypdf, then ingest again.`,
    );
  }
  return { kind: 'pdf', pages, warnings };
}

/** The PDFium engine's pass, laid out like the pdf.js one; null when pdf.js must take the document. */
async function parseWithPdfium(bytes: Uint8Array, options: ParseOptions, parser: PdfParserOptions & { detectInvisibleText: boolean }): Promise<ParsedDocument | null> {
  const read = await readPdfium(bytes, { fileName: options.fileName, password: options.password, maxPages: parser.maxPages, beforePage: () => throwIfAborted(options.signal, options.fileName) });
  if (read === null) return null;
  const pages: PageText[] = [];
  const warnings: string[] = [];
  for (const page of read.pages) {
    const { placed, hidden } = placeTextItems(page.items, page.view, parser.detectInvisibleText ? page.reasons : null);
    const warning = describeHidden(hidden, page.number);
    if (warning !== undefined) warnings.push(warning);
    pages.push({ number: page.number, text: layoutPageTextTraced(placed).map((chunk) => chunk.str).join('') });
  }
  // No text at all (a scan, or a file PDFium reads differently): pdf.js decides, then OCR as before.
  if (pages.every((page) => page.text.trim() === '')) return null;
  return finishPages(pages, warnings, bytes, options, parser);
}

function isWrongPassword(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException' && 'code' in error && error.code === INCORRECT_PASSWORD;
}

/** Creates the `pdf` DocumentParser. */
export function createPdfParser(options: PdfParserOptions): DocumentParser {
  const parser = { ...options, detectInvisibleText: options.detectInvisibleText ?? true };
  return {
    kind: 'pdf',
    async parse(bytes: Uint8Array, parseOptions: ParseOptions): Promise<ParsedDocument> {
      throwIfAborted(parseOptions.signal, parseOptions.fileName);
      if (parser.engine === 'pdfium') {
        const parsed = await parseWithPdfium(bytes, parseOptions, parser).catch((error: unknown) => {
          // Typed refusals (page limit, abort, engine missing) stand; anything PDFium itself threw goes to pdf.js.
          if (error instanceof PropoError) throw error;
          return null;
        });
        if (parsed !== null) return parsed;
      }
      const pdfjs = await loadPdfJs();
      // pdf.js transfers (detaches) the buffer it is given; hand it a copy.
      const open = (password: string | undefined): LoadingTask => pdfjs.getDocument(documentParameters(bytes.slice(), password));
      let task = open(parseOptions.password);
      try {
        let document: PDFDocumentProxy;
        try {
          document = await task.promise;
        } catch (error) {
          const prepared = parseOptions.password === undefined ? undefined : saslprepPassword(parseOptions.password);
          if (!isWrongPassword(error) || prepared === undefined || prepared === parseOptions.password) throw error;
          // AES-256 (R6) passwords are compared after SASLprep; retry with the prepared form.
          await task.destroy();
          task = open(prepared);
          document = await task.promise;
        }
        if (document.numPages > options.maxPages) {
          throw new PropoError(
            'PROPO_ERR_PDF_LIMITS',
            `${parseOptions.fileName} has ${document.numPages} pages; the limit is ${options.maxPages}. ` +
              'Split the PDF or raise ingest.maxPdfPages.',
          );
        }
        return await readPages(pdfjs, document, bytes, parseOptions, parser);
      } catch (error) {
        throw mapPdfError(error, parseOptions);
      } finally {
        await task.destroy();
      }
    },
  };
}
