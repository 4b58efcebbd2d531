/**
 * The PDFium text engine (`ingest.pdfEngine: pdfium`, decision 0136): PDFium compiled to WebAssembly
 * (@embedpdf/pdfium, MIT wrapper, Apache-2.0 PDFium) reads each page's characters with their origin, box, font
 * size, render mode and fill colour; consecutive characters of one text object on one baseline become a run shaped
 * like a pdf.js text item, so the same visibility checks (place-text-items.ts) and the same two-column layout
 * (layout-page-text.ts) apply. Hidden text: render mode 3/7 → invisible; a light colour indistinguishable from the
 * filled path painted beneath it (or the white page) → background; size under 1 pt and off-page runs as before.
 *
 * A page with an annotation whose appearance can carry text (form fields, free text, stamps: what pdf.js's path
 * walks, decision 0095) is flattened first (FPDFPage_Flatten, normal display: hidden annotations stay out), so that
 * text is read, positioned and checked like the page's own.
 *
 * The engine fronts pdf.js rather than replacing it: `readPdfium` returns null, and the caller parses with pdf.js,
 * when PDFium cannot open the file or a page (encryption, damage: pdf.js's typed errors and password handling stay
 * the reference).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { PageText } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { backgroundAt, indistinguishable, type Surface } from './graphics-walk.ts';
import type { HiddenReason, TextItemLike } from './place-text-items.ts';

/** The raw exports of the PDFium module used here (pointers and numbers only). */
interface PdfiumExports {
  malloc(size: number): number;
  free(pointer: number): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_CloseDocument(document: number): void;
  FPDF_GetPageCount(document: number): number;
  FPDF_LoadPage(document: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDFPage_GetCropBox(page: number, left: number, bottom: number, right: number, top: number): number;
  FPDFPage_GetMediaBox(page: number, left: number, bottom: number, right: number, top: number): number;
  FPDFPage_GetAnnotCount(page: number): number;
  FPDFPage_Flatten(page: number, usage: number): number;
  FPDFPage_GetAnnot(page: number, index: number): number;
  FPDFPage_CloseAnnot(annotation: number): void;
  FPDFAnnot_GetSubtype(annotation: number): number;
  FPDFAnnot_GetAP(annotation: number, mode: number, buffer: number, length: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFFormObj_CountObjects(form: number): number;
  FPDFFormObj_GetObject(form: number, index: number): number;
  FPDFPageObj_GetType(object: number): number;
  FPDFPageObj_GetBounds(object: number, left: number, bottom: number, right: number, top: number): number;
  FPDFPageObj_GetMatrix(object: number, matrix: number): number;
  FPDFPageObj_GetFillColor(object: number, r: number, g: number, b: number, a: number): number;
  FPDFPageObj_GetStrokeColor(object: number, r: number, g: number, b: number, a: number): number;
  FPDFPath_GetDrawMode(path: number, fillMode: number, stroke: number): number;
  FPDFTextObj_GetTextRenderMode(text: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  FPDFText_IsHyphen(textPage: number, index: number): number;
  FPDFText_GetFontInfo(textPage: number, index: number, buffer: number, length: number, flags: number): number;
}

interface PdfiumRuntime {
  wasmExports: PdfiumExports;
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

interface PdfiumPackage {
  init(options: { wasmBinary: ArrayBuffer | Uint8Array }): Promise<{ pdfium: PdfiumRuntime; PDFiumExt_Init(): void }>;
}

/** The npm package this engine needs (an optional dependency: only `ingest.pdfEngine: pdfium` loads it). */
export const PDFIUM_PACKAGE = '@embedpdf/pdfium';

let loading: Promise<PdfiumRuntime> | undefined;

/** Loads and initialises PDFium once per thread (≈ 50–80 ms CPU: the 4.6 MB module is compiled here). */
export function loadPdfium(): Promise<PdfiumRuntime> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    let wrapper: PdfiumPackage;
    let wasm: string;
    try {
      wrapper = require(PDFIUM_PACKAGE) as PdfiumPackage;
      wasm = require.resolve(`${PDFIUM_PACKAGE}/pdfium.wasm`);
    } catch (error) {
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', `ingest.pdfEngine is pdfium but ${PDFIUM_PACKAGE} is not installed (${error instanceof Error ? error.message : String(error)}). Run npm install ${PDFIUM_PACKAGE}, or set ingest.pdfEngine: pdfjs.`);
    }
    const module = await wrapper.init({ wasmBinary: readFileSync(wasm) });
    module.PDFiumExt_Init();
    return module.pdfium;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** FPDF_ANNOT_* subtypes drawn as geometry only (decision 0095's evidence): Link, Highlight, Underline, Squiggly, StrikeOut, Ink, Popup. */
const GEOMETRIC_SUBTYPES = new Set([2, 9, 10, 11, 12, 15, 16]);
const FLAT_NORMALDISPLAY = 0;
const FLATTEN_SUCCESS = 1;
const OBJECT_TEXT = 1;
const OBJECT_PATH = 2;
const OBJECT_IMAGE = 3;
const OBJECT_SHADING = 4;
const OBJECT_FORM = 5;
const INVISIBLE_MODES = new Set([3, 7]);
const STROKE_ONLY_MODES = new Set([1, 5]);
/** Relative luminance from which a colour may hide text (the walk's threshold, graphics-walk.ts). */
const LIGHT_LUMINANCE = 0.8;
/** A gap wider than this many font sizes between two characters ends a run (column gutters, table cells). */
const RUN_GAP = 1;
/** Codes 0–31 of TeX's math encodings: OMS (CMSY), OMX (CMEX, big delimiters as their plain forms), OML (CMMI). */
const OMS = '−·×∗÷⋄±∓⊕⊖⊗⊘⊙○◦•≍≡⊆⊇≤≥⪯⪰∼≈⊂⊃≪≫≺≻';
const OMX = '()[]⌊⌋⌈⌉{}⟨⟩|‖/\\()()[]⌊⌋⌈⌉{}⟨⟩/\\';
const OML = 'ΓΔΘΛΞΠΣΥΦΨΩαβγδϵζηθικλμνξπρστυϕχ';
/** A gap wider than this many font sizes inside a run is a space. */
const SPACE_GAP = 0.1;

/** pdf.js's text-content normalisation (normalizeUnicode): NFKC on ligatures and a few compatibility characters. */
const NORMALIZE = /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
function normalize(text: string): string {
  return text.replace(NORMALIZE, (_match, compat: string | undefined, st: string | undefined) => compat !== undefined ? compat.normalize('NFKC') : 'ſt'.repeat((st ?? '').length));
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [g, h, i, j, k, l] = inner;
  return [a * g + c * h, b * g + d * h, a * i + c * j, b * i + d * j, a * k + c * l + e, b * k + d * l + f];
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((value) => Math.max(0, Math.min(255, value)).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(r: number, g: number, b: number): number {
  const channel = (value: number): number => {
    const v = value / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** A text object's visibility: render mode, and its paint colour when light enough to hide text. */
interface ObjectStyle { invisible: boolean; light: string | null }

/** One page read through PDFium, as pdf.js-like items with their hidden reasons. */
export interface PdfiumPage { items: TextItemLike[]; reasons: Array<HiddenReason | null> | null; view: number[] }

class PageReader {
  private readonly scratch: number;
  constructor(private readonly runtime: PdfiumRuntime) {
    this.scratch = runtime.wasmExports.malloc(64);
  }

  dispose(): void { this.runtime.wasmExports.free(this.scratch); }

  private f32(index: number): number { return this.runtime.HEAPF32[(this.scratch >> 2) + index] ?? 0; }
  private f64(index: number): number { return this.runtime.HEAPF64[(this.scratch >> 3) + index] ?? 0; }
  private u32(index: number): number { return this.runtime.HEAPU32[(this.scratch >> 2) + index] ?? 0; }

  view(page: number): number[] {
    const e = this.runtime.wasmExports;
    const s = this.scratch;
    if (e.FPDFPage_GetCropBox(page, s, s + 4, s + 8, s + 12) === 0) e.FPDFPage_GetMediaBox(page, s, s + 4, s + 8, s + 12);
    const [left, bottom, right, top] = [this.f32(0), this.f32(1), this.f32(2), this.f32(3)];
    return [Math.min(left, right), Math.min(bottom, top), Math.max(left, right), Math.max(bottom, top)];
  }

  /** True when an annotation other than a geometric one has an appearance stream (its text needs the pdf.js path). */
  hasTextAnnotation(page: number): boolean {
    const e = this.runtime.wasmExports;
    const count = e.FPDFPage_GetAnnotCount(page);
    for (let index = 0; index < count; index += 1) {
      const annotation = e.FPDFPage_GetAnnot(page, index);
      if (annotation === 0) continue;
      try {
        // FPDFAnnot_GetAP returns the byte length of the normal appearance stream (2 = empty, UTF-16 NUL).
        if (!GEOMETRIC_SUBTYPES.has(e.FPDFAnnot_GetSubtype(annotation)) && e.FPDFAnnot_GetAP(annotation, 0, 0, 0) > 2) return true;
      } finally {
        e.FPDFPage_CloseAnnot(annotation);
      }
    }
    return false;
  }

  /**
   * The character a TeX math font draws for control code `code` (OMS: CMSY/txsy, OMX: CMEX/txex, OML: CMMI), from
   * the fonts' standard encodings, as poppler and the patched pdf.js find it through the glyph names; 0 otherwise.
   */
  private texSymbol(textPage: number, index: number, code: number): number {
    const e = this.runtime.wasmExports;
    const length = e.FPDFText_GetFontInfo(textPage, index, this.scratch + 32, 32, 0);
    const bytes = this.runtime.HEAPU8.subarray(this.scratch + 32, this.scratch + 32 + Math.max(0, Math.min(31, length - 1)));
    const name = String.fromCharCode(...bytes).replace(/^[A-Z]{6}\+/, '').toLowerCase();
    const table = /^(cmsy|txsy|pxsy)/.test(name) ? OMS : /^(cmex|txex|pxex)/.test(name) ? OMX : /^(cmmi|txmi|pxmi)/.test(name) ? OML : '';
    return table === '' ? 0 : table.codePointAt(code) ?? 0;
  }

  private style(object: number, cache: Map<number, ObjectStyle>): ObjectStyle {
    let style = cache.get(object);
    if (style !== undefined) return style;
    const e = this.runtime.wasmExports;
    const s = this.scratch;
    const mode = object === 0 ? 0 : e.FPDFTextObj_GetTextRenderMode(object);
    let light: string | null = null;
    const ok = object !== 0 && (STROKE_ONLY_MODES.has(mode) ? e.FPDFPageObj_GetStrokeColor(object, s, s + 4, s + 8, s + 12) : e.FPDFPageObj_GetFillColor(object, s, s + 4, s + 8, s + 12));
    if (ok !== 0 && ok !== false) {
      const [r, g, b] = [this.u32(0), this.u32(1), this.u32(2)];
      if (luminance(r, g, b) >= LIGHT_LUMINANCE) light = hex(r, g, b);
    }
    style = { invisible: INVISIBLE_MODES.has(mode), light };
    cache.set(object, style);
    return style;
  }

  /**
   * Filled areas in painting order (paths with a fill; images, shadings as unknown colour), and for each text
   * object how many were painted before it. Only walked for pages with light text.
   */
  private surfaces(page: number): { surfaces: Surface[]; before: Map<number, number> } {
    const e = this.runtime.wasmExports;
    const s = this.scratch;
    const surfaces: Surface[] = [];
    const before = new Map<number, number>();
    const visit = (object: number, outer: Matrix, depth: number): void => {
      const type = e.FPDFPageObj_GetType(object);
      if (type === OBJECT_TEXT) { before.set(object, surfaces.length); return; }
      if (type === OBJECT_FORM) {
        if (depth > 12) return;
        const inner = e.FPDFPageObj_GetMatrix(object, s) !== 0 ? ([0, 1, 2, 3, 4, 5].map((i) => this.f32(i)) as Matrix) : IDENTITY;
        const matrix = depth === 0 ? inner : compose(outer, inner);
        const count = e.FPDFFormObj_CountObjects(object);
        for (let index = 0; index < count; index += 1) visit(e.FPDFFormObj_GetObject(object, index), matrix, depth + 1);
        return;
      }
      if (type !== OBJECT_PATH && type !== OBJECT_IMAGE && type !== OBJECT_SHADING) return;
      let color: string | null = null;
      if (type === OBJECT_PATH) {
        if (e.FPDFPath_GetDrawMode(object, s, s + 4) === 0 || this.u32(0) === 0) return;
        if (e.FPDFPageObj_GetFillColor(object, s, s + 4, s + 8, s + 12) !== 0) color = hex(this.u32(0), this.u32(1), this.u32(2));
      }
      if (e.FPDFPageObj_GetBounds(object, s + 16, s + 20, s + 24, s + 28) === 0) return;
      const [x1, y1, x2, y2] = [this.f32(4), this.f32(5), this.f32(6), this.f32(7)];
      // Objects inside a form XObject report bounds in the form's space.
      const m = depth === 0 ? IDENTITY : outer;
      const corners = [[x1, y1], [x2, y1], [x1, y2], [x2, y2]].map(([x = 0, y = 0]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const);
      const xs = corners.map(([x]) => x);
      const ys = corners.map(([, y]) => y);
      surfaces.push({ x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys), color });
    };
    const count = e.FPDFPage_CountObjects(page);
    for (let index = 0; index < count; index += 1) visit(e.FPDFPage_GetObject(page, index), IDENTITY, 0);
    return { surfaces, before };
  }

  read(page: number): PdfiumPage {
    const e = this.runtime.wasmExports;
    const s = this.scratch;
    const view = this.view(page);
    const [vx1 = 0, vy1 = 0, vx2 = 0, vy2 = 0] = view;
    const textPage = e.FPDFText_LoadPage(page);
    const items: TextItemLike[] = [];
    const objects: number[] = [];
    const styles = new Map<number, ObjectStyle>();
    try {
      const count = e.FPDFText_CountChars(textPage);
      let str = '';
      let object = -1;
      let startX = 0;
      let startY = 0;
      let endX = 0;
      let endY = 0;
      let size = 0;
      let matrix: Matrix = IDENTITY;
      let cos = 1;
      let sin = 0;
      /** A run is being built; `spaced`: PDFium generated a space (a word gap) since the last character. */
      let open = false;
      let spaced = false;
      /** The run's text ends in a space (tracked: `endsWith` on the growing string would flatten it at every character). */
      let endsInSpace = false;
      const flush = (): void => {
        // Spaces drawn by the PDF stay, as in pdf.js items (the layout adds none after a run ending in one).
        const text = str;
        if (text.trim() !== '') {
          const width = (endX - startX) * cos + (endY - startY) * sin;
          items.push({ str: normalize(text), dir: /[\u0590-\u08ff]/.test(text) ? 'rtl' : 'ltr', transform: [size * cos, size * sin, -size * sin, size * cos, startX, startY], width: Math.max(0, width), height: size });
          objects.push(object);
        }
        str = '';
        endsInSpace = false;
        object = -1;
        open = false;
      };
      // The heap views are looked up at each use: a memory growth replaces them.
      const heap = this.runtime;
      const s4 = s >> 2;
      const s8 = s >> 3;
      for (let index = 0; index < count; index += 1) {
        let code = e.FPDFText_GetUnicode(textPage, index);
        if (e.FPDFText_IsGenerated(textPage, index) !== 0) {
          if (code === 0x20) spaced = true;
          else if (code === 0x0d || code === 0x0a) { flush(); spaced = false; }
          continue;
        }
        if (code < 0x20) {
          // A control code: PDFium's mark for a hyphen at a line end, or a TeX font code its ToUnicode map leaves out.
          code = e.FPDFText_IsHyphen(textPage, index) !== 0 ? 0x2d : this.texSymbol(textPage, index, code);
          if (code === 0) continue;
        }
        if (code === 0xfffe || code === 0xffff || code > 0x10ffff) continue;
        e.FPDFText_GetCharOrigin(textPage, index, s, s + 8);
        const x = heap.HEAPF64[s8] as number;
        const y = heap.HEAPF64[s8 + 1] as number;
        // pdf.js leaves out glyphs whose origin is outside the page's view box; so does this engine.
        if (x < vx1 || x > vx2 || y < vy1 || y > vy2) continue;
        const owner = e.FPDFText_GetTextObject(textPage, index);
        if (open && owner === object) {
          // Same text object: a new run only on a baseline change or a gap wider than RUN_GAP font sizes.
          const along = (x - endX) * cos + (y - endY) * sin;
          const across = -(x - startX) * sin + (y - startY) * cos;
          if (Math.abs(across) > size * 0.5 || along > size * RUN_GAP || along < -size * RUN_GAP) flush();
          // A word gap PDFium did not mark with a generated space (pdf.js: 0.102 font sizes, as the layout's SPACE_GAP).
          else if ((spaced || along > size * SPACE_GAP) && !endsInSpace) { str += ' '; endsInSpace = true; }
        } else if (owner !== object) {
          flush();
        }
        if (!open) {
          // A generated space before a new text object stays with the text (the layout adds none where runs touch).
          str = spaced ? ' ' : '';
          endsInSpace = spaced;
          open = true;
          object = owner;
          // The size as pdf.js reports it: the font size times the text matrix's vertical scale (Tf 1 with a scaled Tm is common).
          size = e.FPDFText_GetFontSize(textPage, index);
          if (e.FPDFText_GetMatrix(textPage, index, s + 16) !== 0) {
            matrix = [this.f32(4), this.f32(5), this.f32(6), this.f32(7), this.f32(8), this.f32(9)];
            const scale = Math.hypot(matrix[0], matrix[1]) || 1;
            cos = matrix[0] / scale;
            sin = matrix[1] / scale;
            size *= Math.hypot(matrix[2], matrix[3]) || 1;
          } else {
            cos = 1;
            sin = 0;
          }
          startX = x;
          startY = y;
        }
        str += code < 0x10000 ? String.fromCharCode(code) : String.fromCodePoint(code);
        endsInSpace = code === 0x20;
        spaced = false;
        // The run ends at this character's far edge (its loose box, projected on the run's direction).
        if (e.FPDFText_GetLooseCharBox(textPage, index, s + 16) !== 0) {
          const left = heap.HEAPF32[s4 + 4] as number;
          const top = heap.HEAPF32[s4 + 5] as number;
          const right = heap.HEAPF32[s4 + 6] as number;
          const bottom = heap.HEAPF32[s4 + 7] as number;
          const advance = Math.abs(cos) >= Math.abs(sin) ? (cos >= 0 ? right - x : x - left) / Math.abs(cos) : (sin >= 0 ? top - y : y - bottom) / Math.abs(sin);
          endX = x + advance * cos;
          endY = y + advance * sin;
        } else {
          endX = x;
          endY = y;
        }
      }
      flush();
    } finally {
      e.FPDFText_ClosePage(textPage);
    }
    let reasons: Array<HiddenReason | null> | null = null;
    const itemStyles = objects.map((object) => this.style(object, styles));
    if (itemStyles.some((style) => style.invisible || style.light !== null)) {
      const anyLight = itemStyles.some((style) => style.light !== null);
      const painted = anyLight ? this.surfaces(page) : { surfaces: [], before: new Map<number, number>() };
      reasons = items.map((item, index) => {
        const style = itemStyles[index] as ObjectStyle;
        if (style.invisible) return 'invisible';
        if (style.light === null) return null;
        const [a = 1, b = 0, , , ex = 0, fy = 0] = item.transform;
        const angle = Math.atan2(b, a);
        const mx = ex + (item.width / 2) * Math.cos(angle) - (item.height / 2) * Math.sin(angle);
        const my = fy + (item.width / 2) * Math.sin(angle) + (item.height / 2) * Math.cos(angle);
        const before = painted.before.get(objects[index] ?? 0) ?? painted.surfaces.length;
        const beneath = backgroundAt(painted.surfaces, before, mx, my);
        return beneath !== null && indistinguishable(style.light, beneath) ? 'background' : null;
      });
      if (reasons.every((reason) => reason === null)) reasons = null;
    }
    return { items, reasons, view };
  }
}

/** What the PDFium pass yields: null when the pdf.js path must take the document (see the module comment). */
export type PdfiumRead = { pages: Array<PdfiumPage & Pick<PageText, 'number'>> } | null;

/**
 * Reads every page of `bytes` through PDFium; `maxPages` is checked first (over it: PROPO_ERR_PDF_LIMITS);
 * `beforePage` runs before each page (abort checks).
 */
export async function readPdfium(bytes: Uint8Array, input: { fileName: string; password: string | undefined; maxPages: number; beforePage(): void }): Promise<PdfiumRead> {
  if (input.password !== undefined) return null;
  const runtime = await loadPdfium();
  const e = runtime.wasmExports;
  const data = e.malloc(bytes.length);
  if (data === 0) return null;
  runtime.HEAPU8.set(bytes, data);
  const reader = new PageReader(runtime);
  const document = e.FPDF_LoadMemDocument(data, bytes.length, 0);
  try {
    if (document === 0) return null;
    const total = e.FPDF_GetPageCount(document);
    if (total > input.maxPages) {
      throw new PropoError('PROPO_ERR_PDF_LIMITS', `${input.fileName} has ${total} pages; the limit is ${input.maxPages}. Split the PDF or raise ingest.maxPdfPages.`);
    }
    if (total <= 0) return null;
    const pages: Array<PdfiumPage & { number: number }> = [];
    for (let index = 0; index < total; index += 1) {
      input.beforePage();
      let page = e.FPDF_LoadPage(document, index);
      if (page === 0) return null;
      try {
        if (reader.hasTextAnnotation(page) && e.FPDFPage_Flatten(page, FLAT_NORMALDISPLAY) === FLATTEN_SUCCESS) {
          // The flattened appearances are page content once the page is loaded again.
          e.FPDF_ClosePage(page);
          page = e.FPDF_LoadPage(document, index);
          if (page === 0) return null;
        }
        pages.push({ number: index + 1, ...reader.read(page) });
      } finally {
        if (page !== 0) e.FPDF_ClosePage(page);
      }
    }
    return { pages };
  } finally {
    if (document !== 0) e.FPDF_CloseDocument(document);
    reader.dispose();
    e.free(data);
  }
}
