/**
 * Two changes to pdf.js's worker, applied to its source as it is loaded: a font fix (decision 0025) and a marker
 * for the hidden-text check (decision 0095, below).
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
 * The cheap hidden-text check (decision 0095). Text can only be hidden from a reader by an invisible (or
 * stroke-only) render mode or a light fill colour (graphics-walk.ts); walking the page's operator list to find out
 * costs as much again as reading its text. So the text-content pass, which reads every operator anyway, now emits
 * one `{ type: "propoMayHide" }` item when it meets a render mode other than fill or a fill colour that may be
 * light (a gray, RGB or CMYK colour of relative luminance ≥ 0.6, which is below the walk's 0.8 threshold; any
 * `sc`/`scn`, whose colour space it does not resolve; any value out of range). The parser walks the operator list
 * only for pages with that marker (or with annotation appearances); for every other page the walk could find
 * nothing.
 */
const GATE_ANCHOR = '          case OPS.setFont:\n            const fontNameArg = args[0].name,';
const GATE_CASES = [
  '          case OPS.setTextRenderingMode:',
  '          case OPS.setFillGray:',
  '          case OPS.setFillRGBColor:',
  '          case OPS.setFillCMYKColor:',
  '          case OPS.setFillColor:',
  '          case OPS.setFillColorN:',
  '            if (propoMayHide(fn, args)) {',
  '              textContent.items.push({ type: "propoMayHide" });',
  '            }',
  '            break;',
  '',
].join('\n');
const GATE_FUNCTION = `
function propoMayHide(fn, args) {
  const value = index => typeof args[index] === "number" && args[index] >= 0 && args[index] <= 1 ? args[index] : NaN;
  const channel = v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const light = (r, g, b) => !(0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) < 0.6);
  switch (fn) {
    case OPS.setTextRenderingMode:
      return args[0] !== 0;
    case OPS.setFillGray:
      return light(value(0), value(0), value(0));
    case OPS.setFillRGBColor:
      return light(value(0), value(1), value(2));
    case OPS.setFillCMYKColor: {
      const k = 1 - value(3);
      return light((1 - value(0)) * k, (1 - value(1)) * k, (1 - value(2)) * k);
    }
    default:
      return true;
  }
}
`;

/** The source with the hidden-text marker added, or null when this pdf.js does not have the code it extends. */
export function patchTextContentGate(source: string): string | null {
  const at = source.indexOf(GATE_ANCHOR);
  if (at < 0 || source.indexOf(GATE_ANCHOR, at + 1) >= 0 || !source.includes('\nconst OPS = {')) return null;
  for (const op of ['setTextRenderingMode', 'setFillGray', 'setFillRGBColor', 'setFillCMYKColor', 'setFillColor', 'setFillColorN']) {
    if (!new RegExp(`\\n  ${op}: \\d+,`).test(source)) return null;
  }
  return `${source.slice(0, at)}${GATE_CASES}${source.slice(at)}${GATE_FUNCTION}`;
}

/** True once a worker was loaded with the marker of `patchTextContentGate` (else every page is walked). */
export let textContentGate = false;

/**
 * Loads the worker module from `workerPath` with the patch applied: the patched copy is written to a fresh
 * private temp folder, loaded with `load`, and removed (the loaded module stays in memory). Falls back to the
 * unpatched file when the patch does not apply.
 */
export function loadPatchedWorker<T>(workerPath: string, load: (path: string) => T): T {
  const source = readFileSync(workerPath, 'utf8');
  const fonts = patchWorkerSource(source) ?? source;
  const gated = patchTextContentGate(fonts);
  const patched = gated ?? (fonts === source ? null : fonts);
  textContentGate = gated !== null;
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
