/**
 * A small pool of long-lived parser workers, so ingesting many files does not pay worker and
 * pdf.js start-up for each one. The bounds of `parseInWorker` still hold per file: a worker
 * that times out is terminated (PROPO_ERR_PARSE_TIMEOUT), one that runs out of heap dies
 * alone (PROPO_ERR_PARSE_MEMORY), and workers are recycled after `maxUses` PDFs. A TXT or Markdown
 * file counts 1/50 of a PDF: it leaves no pdf.js state behind, and restarting a worker (≈ 1 s under
 * tsx) every 50 notes was most of the cost of ingesting a folder of notes.
 */
import { Worker } from 'node:worker_threads';
import type { ParsedDocument } from '../domain/types.ts';
import { PropoError } from '../errors/index.ts';
import { DEFAULT_PARSER_MODULE, fromWorker, timeoutAfterProgress, WORKER_EXEC_ARGV, WORKER_URL, type ParseInWorkerOptions } from './parse-in-worker.ts';
import type { OcrBounds, ParseWorkerOutput, ParseWorkerRequest, PdfEngineName, SplitRequest, SplitResult } from './parse-worker.ts';

export interface ParsePoolOptions { size?: number; maxUses?: number; memoryMb: number; timeoutMs: number; maxPages: number; parserModule?: URL; ocrSettings?: OcrBounds; pdfEngine?: PdfEngineName }

interface PooledWorker { worker: Worker; uses: number; detach: () => void }

export interface ParsePool {
  /** With `split`, the worker also returns the document's paragraphs (and rule propositions) as `split`. */
  parse(bytes: Uint8Array, options: Pick<ParseInWorkerOptions, 'kind' | 'fileName' | 'password' | 'signal' | 'ocr' | 'onProgress'> & { split?: SplitRequest }): Promise<ParsedDocument & { split?: SplitResult }>;
  close(): Promise<void>;
}

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const size = options.size ?? 2;
  const maxUses = options.maxUses ?? 50;
  const idle: PooledWorker[] = [];
  const waiting: Array<(slot: PooledWorker) => void> = [];
  let live = 0;
  let closed = false;

  const spawn = (): PooledWorker => {
    live++;
    const worker = new Worker(WORKER_URL, {
      workerData: { pooled: true },
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.min(64, Math.floor(options.memoryMb / 8))), stackSizeMb: 4 },
    });
    worker.unref();
    return { worker, uses: 0, detach: () => undefined };
  };
  const acquire = (): Promise<PooledWorker> => {
    const ready = idle.pop();
    if (ready) return Promise.resolve(ready);
    if (live < size) return Promise.resolve(spawn());
    return new Promise((resolve) => waiting.push(resolve));
  };
  const discard = (slot: PooledWorker): void => {
    live--;
    slot.detach();
    void slot.worker.terminate();
    const next = waiting.shift();
    if (next && !closed) next(spawn());
  };
  const release = (slot: PooledWorker): void => {
    // Only our own listeners are removed: Worker keeps internal ones (removeAllListeners would break it).
    slot.detach();
    if (closed || slot.uses >= maxUses) { discard(slot); return; }
    const next = waiting.shift();
    if (next) next(slot);
    else idle.push(slot);
  };

  return {
    async parse(bytes, request) {
      if (closed) throw new PropoError('PROPO_ERR_ABORTED', 'The parser pool is closed.');
      if (request.signal?.aborted) throw new PropoError('PROPO_ERR_ABORTED', `Parsing ${request.fileName} was cancelled before it started.`);
      const slot = await acquire();
      slot.uses += request.kind === 'pdf' || request.kind === 'image' ? 1 : 1 / 50;
      return new Promise<ParsedDocument & { split?: SplitResult }>((resolve, reject) => {
        let settled = false;
        const finish = (error: PropoError | null, document?: ParsedDocument & { split?: SplitResult }, keepWorker = false): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          if (keepWorker) release(slot); else discard(slot);
          if (error) reject(error); else resolve(document as ParsedDocument);
        };
        const onAbort = (): void => finish(new PropoError('PROPO_ERR_ABORTED', `Parsing ${request.fileName} was cancelled.`));
        const onTimeout = (): void => finish(new PropoError('PROPO_ERR_PARSE_TIMEOUT', `Parsing ${request.fileName} took longer than ${options.timeoutMs} ms and was stopped. Split the file, or raise ingest.parseTimeoutMs if it is legitimately large.`));
        let timer = setTimeout(onTimeout, options.timeoutMs);
        request.signal?.addEventListener('abort', onAbort, { once: true });
        const onMessage = (output: ParseWorkerOutput): void => {
          if (output.ok === 'progress') {
            // OCR reports each page: the bound restarts, so a long scan is bounded per page, not as a whole.
            if (settled) return;
            clearTimeout(timer);
            timer = setTimeout(onTimeout, timeoutAfterProgress(options.timeoutMs, options.ocrSettings));
            request.onProgress?.(output.progress);
          } else if (output.ok) finish(null, output.split === undefined ? output.document : { ...output.document, split: output.split }, true);
          else finish(fromWorker(output.error), undefined, true);
        };
        const onError = (error: Error & { code?: string }): void => {
          finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PropoError('PROPO_ERR_PARSE_MEMORY', `Parsing ${request.fileName} needed more than ${options.memoryMb} MB and was stopped. Split the file, or raise ingest.parseMemoryMb.`, { cause: error })
            : new PropoError('PROPO_ERR_INTERNAL', `The parser worker for ${request.fileName} failed: ${error.message}`, { cause: error }));
        };
        const onExit = (code: number): void => finish(new PropoError('PROPO_ERR_INTERNAL', `The parser worker for ${request.fileName} exited (code ${code}) without a result.`));
        slot.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        slot.detach = () => { slot.worker.off('message', onMessage).off('error', onError).off('exit', onExit); };
        const copy = new Uint8Array(bytes);
        const message: ParseWorkerRequest = {
          input: { kind: request.kind, fileName: request.fileName, maxPages: options.maxPages, parserModule: (options.parserModule ?? DEFAULT_PARSER_MODULE).href, ...(request.password === undefined ? {} : { password: request.password }), ...(request.ocr === undefined ? {} : { ocr: request.ocr }), ...(options.ocrSettings === undefined ? {} : { ocrSettings: options.ocrSettings }), ...(options.pdfEngine === undefined ? {} : { pdfEngine: options.pdfEngine }), ...(request.split === undefined ? {} : { split: request.split }) },
          bytes: copy,
        };
        slot.worker.postMessage(message, [copy.buffer]);
      });
    },
    async close() {
      closed = true;
      const all = idle.splice(0);
      await Promise.all(all.map((slot) => slot.worker.terminate()));
      live -= all.length;
    },
  };
}
