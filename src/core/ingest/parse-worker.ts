/**
 * Worker-thread entry of parseInWorker: receives the file bytes once, parses them with the
 * parser registry module named in workerData, posts back the ParsedDocument or a serialised
 * PropoError, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { OcrMode, ParagraphRecord, ParsedDocument, PropositionRecord } from '../domain/types.ts';
import { isPropoError } from '../errors/index.ts';
import type { DocumentParser, ParseProgress } from '../ports/parser.ts';

/** What parseInWorker puts in workerData. */
export interface ParseWorkerInput {
  kind: string;
  fileName: string;
  password?: string;
  maxPages: number;
  /** URL of a module exporting createParserRegistry. */
  parserModule: string;
  ocr?: OcrMode;
  /** OCR bounds (ingest.ocrPageTimeoutMs, ocrDpi, ocrMaxMegapixels). */
  ocrSettings?: OcrBounds;
  /** ingest.pdfEngine (decision 0136); absent = pdfjs. */
  pdfEngine?: PdfEngineName;
  /** Paragraphs (and rule propositions) computed here too, off the main thread (decision 0139). */
  split?: SplitRequest;
}

/**
 * What `prepareDocument` would do with the parsed pages next: paragraphs of `documentId`, and propositions
 * from the rule propositionizer with `propositions` options (null: the propositionizer is not the rule one).
 */
export interface SplitRequest { documentId: string; file: string; propositions: { maxWords?: number; minWords?: number } | null }

/** The paragraphs, and the propositions when asked for, of a parsed document. */
export interface SplitResult { paragraphs: ParagraphRecord[]; propositions: PropositionRecord[] | null }

/** The PDF text engines (ingest.pdfEngine). */
export type PdfEngineName = 'pdfjs' | 'pdfium';

/** The OCR bounds handed to createParserRegistry (the provider's OcrSettings). */
export interface OcrBounds { pageTimeoutMs: number; dpi: number; maxMegapixels: number }

/** What the worker posts back. */
export type ParseWorkerOutput =
  | { ok: true; document: ParsedDocument; split?: SplitResult }
  | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }
  /** Sent before the result, any number of times (OCR pages). */
  | { ok: 'progress'; progress: ParseProgress };

interface ParserModule {
  createParserRegistry(options: { maxPdfPages: number; ocr?: OcrBounds; pdfEngine?: PdfEngineName }): { get(kind: string): DocumentParser };
}

async function parse(input: ParseWorkerInput, bytes: Uint8Array, post: (output: ParseWorkerOutput) => void): Promise<ParseWorkerOutput> {
  try {
    const parsers = (await import(input.parserModule)) as ParserModule;
    const parser = parsers.createParserRegistry({ maxPdfPages: input.maxPages, ...(input.ocrSettings === undefined ? {} : { ocr: input.ocrSettings }), ...(input.pdfEngine === undefined ? {} : { pdfEngine: input.pdfEngine }) }).get(input.kind);
    const document = await parser.parse(bytes, {
      fileName: input.fileName,
      ...(input.password === undefined ? {} : { password: input.password }),
      ...(input.ocr === undefined ? {} : { ocr: input.ocr }),
      onProgress: (progress) => post({ ok: 'progress', progress }),
    });
    return input.split === undefined ? { ok: true, document } : { ok: true, document, split: await split(document, input.split) };
  } catch (error) {
    if (isPropoError(error)) {
      return { ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, error: { code: 'PROPO_ERR_INTERNAL', message: `Parsing ${input.fileName} failed unexpectedly (${message}).` } };
  }
}

/** The same paragraphs and propositions as `prepareDocument` computes from `document` on the main thread. */
async function split(document: ParsedDocument, request: SplitRequest): Promise<SplitResult> {
  const [{ splitParagraphs }, { createRulePropositionizer }] = await Promise.all([import('./split-paragraphs.ts'), import('./rule-propositionizer.ts')]);
  const paragraphs = document.pages.flatMap((page) => splitParagraphs(request.documentId, page));
  if (request.propositions === null) return { paragraphs, propositions: null };
  const pageTexts = new Map(document.pages.map((page) => [page.number, page.text]));
  const propositions = await createRulePropositionizer(request.propositions).propositionize(paragraphs, (n) => pageTexts.get(n) ?? '', { file: request.file });
  return { paragraphs, propositions };
}

/** A pooled worker receives `{ input, bytes }` messages and answers each in order. */
export interface ParseWorkerRequest { input: ParseWorkerInput; bytes: Uint8Array }

const port = parentPort;
if (port !== null) {
  if ((workerData as { pooled?: boolean } | null)?.pooled === true) {
    port.on('message', (request: ParseWorkerRequest) => {
      void parse(request.input, request.bytes, (output) => port.postMessage(output)).then((output) => port.postMessage(output));
    });
  } else {
    port.once('message', (bytes: Uint8Array) => {
      void parse(workerData as ParseWorkerInput, bytes, (output) => port.postMessage(output)).then((output) => {
        port.postMessage(output);
        port.close();
      });
    });
  }
}
