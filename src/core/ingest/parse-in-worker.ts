/**
 * Parses a document in a worker thread with a memory cap and a time bound, so a hostile or
 * pathological file cannot hang or exhaust the server: the worker is terminated on timeout
 * (PROPO_ERR_PARSE_TIMEOUT), dies alone when it runs out of heap (PROPO_ERR_PARSE_MEMORY), and
 * typed errors raised inside it come back as PropoError with the same code.
 *
 * The worker loads the parsers from `parserModule` (by URL, so core does not import providers);
 * it defaults to src/providers/parsers/index.ts. One worker per call: startup (~0.3–1 s for tsx
 * and pdf.js) counts against `timeoutMs`.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentKind, OcrMode, ParsedDocument } from '../domain/types.ts';
import type { ParseProgress } from '../ports/parser.ts';
import { ERROR_CATALOGUE, PropoError, type ErrorCode } from '../errors/index.ts';
import type { OcrBounds, ParseWorkerInput, ParseWorkerOutput } from './parse-worker.ts';

export interface ParseInWorkerOptions {
  kind: DocumentKind;
  fileName: string;
  password?: string;
  signal?: AbortSignal;
  /** ingest.parseTimeoutMs: wall-clock bound including worker startup. */
  timeoutMs: number;
  /** ingest.parseMemoryMb: the worker's old-generation heap limit. */
  memoryMb: number;
  /** ingest.maxPdfPages */
  maxPages: number;
  /** Module exporting createParserRegistry({ maxPdfPages }). */
  parserModule?: URL;
  ocr?: OcrMode;
  /** OCR bounds; each OCR progress message restarts the time bound with at least `pageTimeoutMs` + 30 s. */
  ocrSettings?: OcrBounds;
  onProgress?: (progress: ParseProgress) => void;
}

/**
 * The time left after an OCR progress message: a document being OCR'd page by page is not stopped by
 * parseTimeoutMs as long as each page finishes within its own bound (plus render slack).
 */
export function timeoutAfterProgress(timeoutMs: number, ocr: OcrBounds | undefined): number {
  return Math.max(timeoutMs, (ocr?.pageTimeoutMs ?? 0) + 30_000);
}

export const WORKER_URL = new URL('./parse-worker.ts', import.meta.url);
export const REGISTER_URL = pathToFileURL(fileURLToPath(new URL('../../../bin/register.mjs', import.meta.url))).href;
/** Worker flags: the TypeScript sources need tsx registered in the worker; the compiled build (dist/) does not. */
export const WORKER_EXEC_ARGV: string[] = import.meta.url.endsWith('.ts') ? ['--import', REGISTER_URL] : [];
export const DEFAULT_PARSER_MODULE = new URL('../../providers/parsers/index.ts', import.meta.url);

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

export function fromWorker(error: { code: string; message: string; details?: Record<string, unknown> }): PropoError {
  const code = isErrorCode(error.code) ? error.code : 'PROPO_ERR_INTERNAL';
  return new PropoError(code, error.message, error.details === undefined ? {} : { details: error.details });
}

/** Parses `bytes` as `options.kind` in a fresh worker thread. */
export function parseInWorker(bytes: Uint8Array, options: ParseInWorkerOptions): Promise<ParsedDocument> {
  if (options.signal?.aborted === true) {
    return Promise.reject(new PropoError('PROPO_ERR_ABORTED', `Parsing ${options.fileName} was cancelled before it started.`));
  }
  const input: ParseWorkerInput = {
    kind: options.kind,
    fileName: options.fileName,
    maxPages: options.maxPages,
    parserModule: (options.parserModule ?? DEFAULT_PARSER_MODULE).href,
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.ocr === undefined ? {} : { ocr: options.ocr }),
    ...(options.ocrSettings === undefined ? {} : { ocrSettings: options.ocrSettings }),
  };
  const worker = new Worker(WORKER_URL, {
    workerData: input,
    execArgv: WORKER_EXEC_ARGV,
    resourceLimits: {
      maxOldGenerationSizeMb: options.memoryMb,
      maxYoungGenerationSizeMb: Math.max(4, Math.min(64, Math.floor(options.memoryMb / 8))),
      stackSizeMb: 4,
    },
  });
  return new Promise<ParsedDocument>((resolve, reject) => {
    let settled = false;
    const finish = (error: PropoError | null, document?: ParsedDocument): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error !== null) reject(error);
      else if (document !== undefined) resolve(document);
    };
    const onAbort = (): void => {
      finish(new PropoError('PROPO_ERR_ABORTED', `Parsing ${options.fileName} was cancelled.`));
    };
    const onTimeout = (): void => {
      finish(new PropoError(
        'PROPO_ERR_PARSE_TIMEOUT',
        `Parsing ${options.fileName} took longer than ${options.timeoutMs} ms and was stopped. ` +
          'Split the file, or raise ingest.parseTimeoutMs if it is legitimately large.',
      ));
    };
    let timer = setTimeout(onTimeout, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (output: ParseWorkerOutput) => {
      if (output.ok === 'progress') {
        clearTimeout(timer);
        timer = setTimeout(onTimeout, timeoutAfterProgress(options.timeoutMs, options.ocrSettings));
        options.onProgress?.(output.progress);
      } else if (output.ok) finish(null, output.document);
      else finish(fromWorker(output.error));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(new PropoError(
          'PROPO_ERR_PARSE_MEMORY',
          `Parsing ${options.fileName} needed more than ${options.memoryMb} MB and was stopped. ` +
            'Split the file, or raise ingest.parseMemoryMb.',
          { cause: error },
        ));
      } else {
        finish(new PropoError('PROPO_ERR_INTERNAL', `The parser worker for ${options.fileName} failed: ${error.message}`, { cause: error }));
      }
    });
    worker.on('exit', (code) => {
      finish(new PropoError('PROPO_ERR_INTERNAL', `The parser worker for ${options.fileName} exited (code ${code}) without a result.`));
    });
    // A real copy (Buffer#slice would be a view of the same memory), so transferring it never detaches the caller's bytes.
    const copy = new Uint8Array(bytes);
    worker.postMessage(copy, [copy.buffer]);
  });
}
