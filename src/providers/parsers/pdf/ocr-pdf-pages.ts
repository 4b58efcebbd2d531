/**
 * OCR of PDF pages: each page is rendered by pdf.js onto a canvas (@napi-rs/canvas, which pdf.js
 * uses in Node) at ingest.ocrDpi, lowered so that the page fits ingest.ocrMaxMegapixels, encoded as
 * PNG and read by tesseract.js. Images larger than the same pixel bound are not decoded (pdf.js
 * maxImageSize), so memory stays bounded. The recognised text replaces the page text.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageText } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { ParseOptions } from '../../../core/ports/parser.ts';
import type { OcrSettings } from '../../ocr/ocr-settings.ts';
import { createTesseractOcr } from '../../ocr/tesseract-ocr.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';
import { documentParameters, loadPdfJs } from './load-pdfjs.ts';

interface CanvasLike { width: number; height: number; toBuffer(mime: 'image/png'): Buffer }
interface CanvasAndContext { canvas: CanvasLike; context: unknown }
interface CanvasFactoryLike { create(width: number, height: number): CanvasAndContext; destroy(value: CanvasAndContext): void }

/** The render scale (pixels per PDF point) for a page of `width`×`height` points. */
export function renderScale(width: number, height: number, settings: OcrSettings): number {
  const wanted = settings.dpi / 72;
  const fit = Math.sqrt((settings.maxMegapixels * 1e6) / Math.max(1, width * height));
  return Math.min(wanted, fit);
}

async function renderPng(page: PDFPageProxy, factory: CanvasFactoryLike, settings: OcrSettings): Promise<Uint8Array> {
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: renderScale(base.width, base.height, settings) });
  let target: CanvasAndContext;
  try {
    target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  } catch (error) {
    throw new PropoError('PROPO_ERR_OCR_UNAVAILABLE', `PDF pages cannot be rendered for OCR here (${error instanceof Error ? error.message : String(error)}). Install the optional dependency @napi-rs/canvas (npm install), or ingest with OCR off.`, { cause: error });
  }
  try {
    const context = target.context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, target.canvas.width, target.canvas.height);
    await page.render({ canvasContext: target.context as never, canvas: target.canvas as never, viewport }).promise;
    return new Uint8Array(target.canvas.toBuffer('image/png'));
  } finally {
    factory.destroy(target);
  }
}

/**
 * Replaces the text of `pages` whose number is in `numbers` by their OCR text. Returns warnings:
 * which pages were OCR'd, and pages that timed out (left empty).
 */
export async function ocrPdfPages(bytes: Uint8Array, pages: PageText[], numbers: readonly number[], options: ParseOptions, settings: OcrSettings): Promise<string[]> {
  if (numbers.length === 0) return [];
  const pdfjs = await loadPdfJs();
  const parameters = { ...documentParameters(bytes.slice(), options.password), maxImageSize: Math.round(settings.maxMegapixels * 1e6) };
  const task = pdfjs.getDocument(parameters);
  const engine = createTesseractOcr({ pageTimeoutMs: settings.pageTimeoutMs });
  const warnings: string[] = [];
  const read: number[] = [];
  try {
    const document = await task.promise;
    const factory = (document as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
    options.onProgress?.({ ocrDone: 0, ocrPages: numbers.length });
    for (const [index, number] of numbers.entries()) {
      throwIfAborted(options.signal, options.fileName);
      const page = await document.getPage(number);
      try {
        const png = await renderPng(page, factory, settings);
        const result = await engine.recognize(png);
        const slot = pages.find((p) => p.number === number);
        if (slot === undefined) continue;
        if (result.ok) {
          slot.text = result.text;
          read.push(number);
        } else {
          slot.text = '';
          warnings.push(`page ${number}: OCR took longer than ${settings.pageTimeoutMs} ms and was stopped; the page is empty (raise ingest.ocrPageTimeoutMs)`);
        }
      } finally {
        page.cleanup();
      }
      options.onProgress?.({ ocrDone: index + 1, ocrPages: numbers.length });
    }
  } finally {
    await engine.close();
    await task.destroy();
  }
  if (read.length > 0) warnings.unshift(`${read.length === 1 ? 'page' : 'pages'} ${compactRanges(read)}: text read by OCR (tesseract, English)`);
  return warnings;
}

/** 1,2,3,5 → "1–3, 5" */
export function compactRanges(numbers: readonly number[]): string {
  const parts: string[] = [];
  let start = numbers[0];
  let previous = start;
  for (const n of [...numbers.slice(1), Number.NaN]) {
    if (previous !== undefined && n === previous + 1) { previous = n; continue; }
    if (start !== undefined && previous !== undefined) parts.push(start === previous ? String(start) : `${start}–${previous}`);
    start = n;
    previous = n;
  }
  return parts.join(', ');
}
