/**
 * Loads pdf.js (legacy build, the one meant for Node) and the options that keep it offline and
 * safe: no eval, no font faces, no system fonts, standard fonts and CMaps read from the package's
 * own folders, and the worker run in-thread ("fake worker") from the installed package file.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

function packageDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** Imports pdf.js once per thread and points its fake worker at the installed worker module. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(packageDirectory(), 'legacy/build/pdf.worker.mjs')).href;
    return pdfjs;
  });
  return loading;
}

/**
 * getDocument parameters for `data`. In Node, pdf.js reads `standardFontDataUrl`, `cMapUrl` and
 * `wasmUrl` with fs.readFile, so they are plain directory paths ending in a separator.
 */
export function documentParameters(data: Uint8Array, password: string | undefined): DocumentInitParameters {
  const root = packageDirectory();
  return {
    data,
    ...(password === undefined ? {} : { password }),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    wasmUrl: join(root, 'wasm') + '/',
    iccUrl: join(root, 'iccs') + '/',
    // Images are never rendered; 0 makes the operator list skip decoding them.
    maxImageSize: 0,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  };
}
