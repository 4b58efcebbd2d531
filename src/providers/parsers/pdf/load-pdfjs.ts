/**
 * Loads pdf.js (legacy build, the one meant for Node) and the options that keep it offline and
 * safe: no eval, no font faces, no system fonts, standard fonts and CMaps read from the package's
 * own folders, and the worker run in-thread ("fake worker") from the installed package file, with one font fix
 * applied as it loads (pdfjs-worker-patch.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';
import { loadPatchedWorker } from './pdfjs-worker-patch.ts';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** pdf.worker.mjs ships without type declarations. */
interface PdfWorkerModule {
  WorkerMessageHandler: unknown;
}

let loading: Promise<PdfJs> | undefined;

function packageDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/**
 * Loads the two pdf.js modules. `require` of these ES modules (Node >= 20.19) skips the tsx
 * loader, which would otherwise rewrite 3 MB of JavaScript in every parser worker (~1 s of CPU);
 * dynamic import is the fallback.
 */
/**
 * The legacy build's core-js polyfills *replace* a few built-ins Node 20 already has: `Array.prototype.push`
 * (a JS loop, for an edge case of non-writable lengths), `JSON.stringify` and `JSON.parse`. Every push in the
 * thread then runs through the polyfill — pdf.js's own operator lists and text items, and Propo's layout and
 * hidden-text walk. The natives (captured when this module loads, before pdf.js) are put back once pdf.js is
 * loaded; the polyfills that *add* missing methods (Promise.withResolvers, Map.prototype.getOrInsert…) stay.
 */
const NATIVES = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };

export function restoreNatives(): void {
  const put = (target: object, key: string, value: unknown): void => {
    if ((target as Record<string, unknown>)[key] !== value) Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  };
  put(Array.prototype, 'push', NATIVES.push);
  put(JSON, 'stringify', NATIVES.stringify);
  put(JSON, 'parse', NATIVES.parse);
}

async function importModules(): Promise<{ pdfjs: PdfJs; worker: PdfWorkerModule }> {
  const build = join(packageDirectory(), 'legacy/build');
  try {
    const require = createRequire(import.meta.url);
    return { pdfjs: require(join(build, 'pdf.mjs')) as PdfJs, worker: loadPatchedWorker(join(build, 'pdf.worker.mjs'), (path) => require(path) as PdfWorkerModule) };
  } catch {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      loadPatchedWorker(join(build, 'pdf.worker.mjs'), (path) => import(pathToFileURL(path).href) as Promise<PdfWorkerModule>),
    ]);
    return { pdfjs, worker };
  } finally {
    restoreNatives();
  }
}

/**
 * Imports pdf.js once per thread. Its worker runs in-thread: `globalThis.pdfjsWorker` is the
 * hook pdf.js documents for handing it an already-loaded worker module, so nothing is fetched.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= importModules().then(({ pdfjs, worker }) => {
    (globalThis as { pdfjsWorker?: PdfWorkerModule }).pdfjsWorker = worker;
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
