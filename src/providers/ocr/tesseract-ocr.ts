/**
 * OCR on tesseract.js 7 with the English LSTM model from the npm package @tesseract.js-data/eng
 * (read from node_modules; nothing is downloaded, nothing is cached to disk). One tesseract worker
 * per engine, started on first use. Each page is bounded in time: a page that takes longer than
 * `pageTimeoutMs` has its tesseract worker terminated (the next page starts a fresh one) and is
 * reported as timed out. Memory is bounded by the caller through the image size (see image-size.ts
 * and the PDF render scale): tesseract's WASM heap grows with the pixel count.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PropoError } from '../../core/errors/index.ts';

export interface OcrEngineOptions {
  /** ingest.ocrPageTimeoutMs */
  pageTimeoutMs: number;
}

export type OcrPageResult = { ok: true; text: string } | { ok: false; reason: 'timeout' };

export interface OcrEngine {
  /** Recognises the text of one PNG/JPEG image. */
  recognize(image: Uint8Array): Promise<OcrPageResult>;
  close(): Promise<void>;
}

interface TesseractWorker {
  recognize(image: Buffer): Promise<{ data: { text: string } }>;
  terminate(): Promise<unknown>;
}
interface TesseractModule {
  createWorker(langs: string, oem: number, options: Record<string, unknown>): Promise<TesseractWorker>;
  OEM: { LSTM_ONLY: number };
}

const require = createRequire(import.meta.url);

function loadTesseract(): TesseractModule {
  try {
    return require('tesseract.js') as TesseractModule;
  } catch (error) {
    throw new PropoError('PROPO_ERR_OCR_UNAVAILABLE', 'OCR needs the tesseract.js package, which is not installed. Run npm install, or ingest with OCR off.', { cause: error });
  }
}

/** The folder holding eng.traineddata.gz (LSTM "best int" model) inside @tesseract.js-data/eng. */
export function englishModelDir(): string {
  try {
    return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  } catch (error) {
    throw new PropoError('PROPO_ERR_OCR_UNAVAILABLE', 'OCR needs the English model package @tesseract.js-data/eng, which is not installed. Run npm install, or ingest with OCR off.', { cause: error });
  }
}

/** Tesseract's text with line-end spaces removed and runs of blank lines collapsed (page text stays plain). */
export function tidyOcrText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function createTesseractOcr(options: OcrEngineOptions): OcrEngine {
  let worker: Promise<TesseractWorker> | null = null;
  const start = (): Promise<TesseractWorker> => {
    const tesseract = loadTesseract();
    // langPath is a local folder: tesseract.js reads `${langPath}/eng.traineddata.gz` with fs, never fetches.
    return tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, { langPath: englishModelDir(), gzip: true, cacheMethod: 'none', logger: () => undefined });
  };
  const stop = async (): Promise<void> => {
    const current = worker;
    worker = null;
    if (current) await current.then((w) => w.terminate()).catch(() => undefined);
  };
  return {
    async recognize(image) {
      worker ??= start();
      const current = await worker;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), options.pageTimeoutMs); });
      try {
        const result = await Promise.race([current.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength)), timedOut]);
        if (result === 'timeout') {
          await stop();
          return { ok: false, reason: 'timeout' };
        }
        return { ok: true, text: tidyOcrText(result.data.text) };
      } finally {
        clearTimeout(timer);
      }
    },
    close: stop,
  };
}
