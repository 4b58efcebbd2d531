/**
 * One fix to pdf.js's font code, applied to the worker source as it is loaded (decision 0025).
 *
 * pdf.js ignores a Type 1 font's built-in encoding as soon as the PDF gives the font any ToUnicode map, even a
 * partial one; a code the map leaves out then comes back as the raw character code. TeX fonts do this
 * (txsys's ToUnicode covers 17 codes; its "multiply" glyph, code 2, is extracted as U+0002), so
 * "25× fewer" was stored as "25\u0002 fewer" and shown as "25 fewer". Poppler fills such gaps from the
 * glyph names of the built-in encoding; with this patch pdf.js does the same, never overriding the map.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EARLY_RETURN = '  if (properties.hasIncludedToUnicodeMap) {\n    return;\n  }\n  if (builtInEncoding === properties.defaultEncoding) {';
const KEEP_GOING = '  const includedToUnicode = properties.hasIncludedToUnicodeMap;\n  if (builtInEncoding === properties.defaultEncoding) {';
const LOOP = '  for (const charCode in builtInEncoding) {\n    if (properties.hasEncoding) {';
const LOOP_SKIPPING_MAPPED = '  for (const charCode in builtInEncoding) {\n    if (includedToUnicode && properties.toUnicode.has(charCode)) {\n      continue;\n    }\n    if (properties.hasEncoding) {';

/** The patched source, or null when this pdf.js does not contain the code patched (another version). */
export function patchWorkerSource(source: string): string | null {
  const function_ = source.indexOf('function adjustType1ToUnicode(properties, builtInEncoding) {');
  if (function_ < 0) return null;
  const early = source.indexOf(EARLY_RETURN, function_);
  const loop = source.indexOf(LOOP, function_);
  // Both edits must fall inside adjustType1ToUnicode (the next function starts after its loop).
  const next = source.indexOf('\nfunction ', function_ + 1);
  if (early < 0 || loop < 0 || early > next || loop > next) return null;
  return source.slice(0, early) + KEEP_GOING + source.slice(early + EARLY_RETURN.length, loop) + LOOP_SKIPPING_MAPPED + source.slice(loop + LOOP.length);
}

/**
 * Loads the worker module from `workerPath` with the patch applied: the patched copy is written to a fresh
 * private temp folder, loaded with `load`, and removed (the loaded module stays in memory). Falls back to the
 * unpatched file when the patch does not apply.
 */
export function loadPatchedWorker<T>(workerPath: string, load: (path: string) => T): T {
  const patched = patchWorkerSource(readFileSync(workerPath, 'utf8'));
  if (patched === null) return load(workerPath);
  const dir = mkdtempSync(join(tmpdir(), 'propo-pdfjs-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const file = join(dir, 'pdf.worker.mjs');
    writeFileSync(file, patched, { mode: 0o600 });
    const loaded = load(file);
    if (loaded instanceof Promise) return loaded.finally(remove) as T;
    remove();
    return loaded;
  } catch (error) {
    remove();
    throw error;
  }
}
