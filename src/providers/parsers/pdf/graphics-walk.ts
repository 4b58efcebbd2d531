/**
 * Walks a pdf.js operator list in content-stream order, keeping the graphics state that decides whether text
 * can be seen: render mode, fill and stroke colour, the current transformation matrix, and the filled shapes
 * and images painted so far (what lies beneath later text). Page content yields its glyphs for alignment with
 * the text items; annotation appearances (form fields, buttons: text pdf.js text content leaves out, while
 * poppler and a viewer show it, issue 12 item 8) yield positioned runs of their own.
 */

/** The subset of pdf.js `OPS` used here. */
export type WalkOps = Record<
  'save' | 'restore' | 'transform' | 'setTextRenderingMode' | 'showText' | 'showSpacedText' | 'nextLineShowText' |
  'nextLineSetSpacingShowText' | 'setFillRGBColor' | 'setStrokeRGBColor' | 'setFillColorN' | 'setStrokeColorN' |
  'constructPath' | 'fill' | 'eoFill' | 'fillStroke' | 'eoFillStroke' | 'closeFillStroke' | 'closeEOFillStroke' |
  'paintImageXObject' | 'paintInlineImageXObject' | 'paintImageMaskXObject' | 'paintSolidColorImageMask' | 'shadingFill' |
  'paintFormXObjectBegin' | 'paintFormXObjectEnd' | 'beginAnnotation' | 'endAnnotation' | 'beginText' | 'setTextMatrix' |
  'moveText' | 'setLeadingMoveText' | 'nextLine' | 'setLeading' | 'setFont' | 'setCharSpacing' | 'setWordSpacing' | 'setHScale',
  number
>;

export interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[];
}

type Matrix = [number, number, number, number, number, number];
/** A painted area in user space; `color` null when it cannot be told (image, pattern, shading). */
export interface Surface { x1: number; y1: number; x2: number; y2: number; color: string | null }

/** Page-content glyphs, one entry per character of `text` (NFKC, no whitespace). */
export interface ShownGlyphs {
  text: string;
  invisible: boolean[];
  /** Paint colour (#rrggbb) of each character, null when unknown. */
  colors: Array<string | null>;
  /** How many surfaces were painted before each character (only those can lie beneath it). */
  surfacesBefore: number[];
  surfaces: Surface[];
  anyInvisible: boolean;
  /** Some character's colour matches white or a painted surface's: worth checking items. */
  anyLight: boolean;
}

/** A run of annotation-appearance text, positioned in user space. */
export interface AnnotationRun { str: string; x: number; y: number; size: number; angle: number; width: number; hidden: 'invisible' | 'background' | null }

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const INVISIBLE_MODES = new Set([3, 7]);
const STROKE_ONLY_MODES = new Set([1, 5]);
const PAGE_COLOR = '#ffffff';
/** Relative luminance from which a text colour is "light" (#e4e4e4 is 0.78, #ebebeb 0.83). */
const LIGHT_LUMINANCE = 0.8;

/** `outer ∘ inner`: applies `inner` first (pdf.js Util.transform). */
function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [g, h, i, j, k, l] = inner;
  return [a * g + c * h, b * g + d * h, a * i + c * j, b * i + d * j, a * k + c * l + e, b * k + d * l + f];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function asMatrix(value: unknown): Matrix | null {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return null;
  const numbers = Array.from(value as ArrayLike<unknown>);
  return numbers.length === 6 && numbers.every((n) => typeof n === 'number') ? (numbers as Matrix) : null;
}

function box(m: Matrix, x1: number, y1: number, x2: number, y2: number, color: string | null): Surface {
  const corners = [apply(m, x1, y1), apply(m, x2, y1), apply(m, x1, y2), apply(m, x2, y2)];
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys), color };
}

function relativeLuminance(hex: string): number {
  const channel = (offset: number): number => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * True when light text in `left` cannot be told apart from `right` beneath it: WCAG contrast ratio under 1.1
 * (e.g. #f5f5f5 on white is 1.09; the lowest contrast WCAG considers readable at all is 3).
 */
export function indistinguishable(left: string, right: string): boolean {
  if (!/^#[0-9a-f]{6}$/i.test(left) || !/^#[0-9a-f]{6}$/i.test(right)) return false;
  // Only light text (page-coloured: white, near white) counts. Dark text over a dark filled box is left alone:
  // in the shared papers such boxes are figure frames whose inside this walk cannot see (BERT, PaLM figures).
  if (relativeLuminance(left) < LIGHT_LUMINANCE) return false;
  const [light, dark] = [relativeLuminance(left), relativeLuminance(right)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05) < 1.1;
}

/** The colour beneath (x, y): the last of the first `before` surfaces covering it, else the white page. */
export function backgroundAt(surfaces: readonly Surface[], before: number, x: number, y: number): string | null {
  for (let index = Math.min(before, surfaces.length) - 1; index >= 0; index -= 1) {
    const surface = surfaces[index];
    if (surface !== undefined && x >= surface.x1 && x <= surface.x2 && y >= surface.y1 && y <= surface.y2) return surface.color;
  }
  return PAGE_COLOR;
}

/** pdf.js DrawOPS codes in a constructPath buffer and how many numbers follow each. */
const DRAW_ARGUMENTS: Readonly<Record<number, number>> = { 0: 2, 1: 2, 2: 6, 3: 4, 4: 0 };

/** Subpaths (moveTo) in a constructPath buffer; 0 when it cannot be read. */
function subpaths(buffers: unknown): number {
  const buffer: unknown = Array.isArray(buffers) ? buffers[0] : undefined;
  if (!(buffer instanceof Float32Array)) return 0;
  let count = 0;
  for (let at = 0; at < buffer.length;) {
    const code = buffer[at] ?? -1;
    const size = DRAW_ARGUMENTS[code];
    if (size === undefined) return 0;
    if (code === 0) count += 1;
    at += 1 + size;
  }
  return count;
}

interface State { mode: number; fill: string | null; stroke: string | null; ctm: Matrix; font: number; charSpacing: number; wordSpacing: number; hScale: number; leading: number }

function glyphsOf(args: unknown): unknown[] {
  const glyphs: unknown = Array.isArray(args) ? args.find((arg: unknown) => Array.isArray(arg)) : undefined;
  return Array.isArray(glyphs) ? glyphs : [];
}

function glyphField<T>(glyph: unknown, key: string, fallback: T): T {
  if (typeof glyph !== 'object' || glyph === null || !(key in glyph)) return fallback;
  const value = (glyph as Record<string, unknown>)[key];
  return typeof value === typeof fallback ? (value as T) : fallback;
}

/** Walks `operatorList` once: page glyphs (outside annotations) and annotation text runs. */
export function walkGraphics(operatorList: OperatorListLike, ops: WalkOps): { page: ShownGlyphs; annotations: AnnotationRun[] } {
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const imageOps = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject, ops.paintSolidColorImageMask]);
  const showOps = new Set([ops.showText, ops.showSpacedText, ops.nextLineShowText, ops.nextLineSetSpacingShowText]);
  let state: State = { mode: 0, fill: '#000000', stroke: '#000000', ctm: IDENTITY, font: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0 };
  const stack: State[] = [];
  let lineMatrix: Matrix = IDENTITY;
  let textMatrix: Matrix = IDENTITY;
  let annotationDepth = 0;
  const page: ShownGlyphs = { text: '', invisible: [], colors: [], surfacesBefore: [], surfaces: [], anyInvisible: false, anyLight: false };
  const parts: string[] = [];
  const annotations: AnnotationRun[] = [];
  const moveLine = (tx: number, ty: number): void => {
    lineMatrix = compose(lineMatrix, [1, 0, 0, 1, tx, ty]);
    textMatrix = lineMatrix;
  };

  operatorList.fnArray.forEach((fn, index) => {
    const args = operatorList.argsArray[index];
    const list = Array.isArray(args) ? (args as unknown[]) : [];
    const number = (at: number): number => (typeof list[at] === 'number' ? (list[at] as number) : 0);
    if (fn === ops.save || fn === ops.paintFormXObjectBegin || fn === ops.beginAnnotation) {
      stack.push(state);
      state = { ...state };
      if (fn === ops.paintFormXObjectBegin) state.ctm = compose(state.ctm, asMatrix(list[0]) ?? IDENTITY);
      if (fn === ops.beginAnnotation) {
        annotationDepth += 1;
        state.ctm = compose(compose(state.ctm, asMatrix(list[2]) ?? IDENTITY), asMatrix(list[3]) ?? IDENTITY);
      }
    } else if (fn === ops.restore || fn === ops.paintFormXObjectEnd || fn === ops.endAnnotation) {
      state = stack.pop() ?? state;
      if (fn === ops.endAnnotation) annotationDepth = Math.max(0, annotationDepth - 1);
    } else if (fn === ops.transform) state.ctm = compose(state.ctm, asMatrix(list) ?? IDENTITY);
    else if (fn === ops.setTextRenderingMode) state.mode = number(0);
    else if (fn === ops.setFillRGBColor) state.fill = typeof list[0] === 'string' ? list[0] : null;
    else if (fn === ops.setStrokeRGBColor) state.stroke = typeof list[0] === 'string' ? list[0] : null;
    else if (fn === ops.setFillColorN) state.fill = null;
    else if (fn === ops.setStrokeColorN) state.stroke = null;
    else if (fn === ops.setFont) state.font = number(1);
    else if (fn === ops.setCharSpacing) state.charSpacing = number(0);
    else if (fn === ops.setWordSpacing) state.wordSpacing = number(0);
    else if (fn === ops.setHScale) state.hScale = number(0) / 100;
    else if (fn === ops.setLeading) state.leading = number(0);
    else if (fn === ops.beginText) { lineMatrix = IDENTITY; textMatrix = IDENTITY; }
    else if (fn === ops.setTextMatrix) { lineMatrix = asMatrix(list) ?? IDENTITY; textMatrix = lineMatrix; }
    else if (fn === ops.moveText) moveLine(number(0), number(1));
    else if (fn === ops.setLeadingMoveText) { state.leading = -number(1); moveLine(number(0), number(1)); }
    else if (fn === ops.nextLine) moveLine(0, -state.leading);
    else if (fn === ops.constructPath && fillOps.has(number(0))) {
      const minMax = list[2];
      if (ArrayBuffer.isView(minMax) || Array.isArray(minMax)) {
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = Array.from(minMax as ArrayLike<number>);
        // Only one closed shape is known to cover its box: a frame drawn as two subpaths (outer and inner) does not.
        const solid = subpaths(list[1]) === 1;
        if (Number.isFinite(x1) && Number.isFinite(y2)) page.surfaces.push(box(state.ctm, x1, y1, x2, y2, solid ? state.fill : null));
      }
    } else if (imageOps.has(fn)) page.surfaces.push(box(state.ctm, 0, 0, 1, 1, null));
    else if (fn === ops.shadingFill) page.surfaces.push({ x1: -Infinity, y1: -Infinity, x2: Infinity, y2: Infinity, color: null });
    else if (showOps.has(fn)) {
      if (fn === ops.nextLineShowText || fn === ops.nextLineSetSpacingShowText) moveLine(0, -state.leading);
      const glyphs = glyphsOf(args);
      const hidden = INVISIBLE_MODES.has(state.mode);
      const color = STROKE_ONLY_MODES.has(state.mode) ? state.stroke : state.fill;
      const full = compose(state.ctm, textMatrix);
      const [x, y] = apply(full, 0, 0);
      let advance = 0;
      let str = '';
      for (const glyph of glyphs) {
        if (typeof glyph === 'number') { advance -= (glyph / 1000) * state.font * state.hScale; continue; }
        const unicode = glyphField(glyph, 'unicode', '');
        str += unicode;
        advance += ((glyphField(glyph, 'width', 0) / 1000) * state.font + state.charSpacing + (glyphField(glyph, 'isSpace', false) ? state.wordSpacing : 0)) * state.hScale;
      }
      textMatrix = compose(textMatrix, [1, 0, 0, 1, advance, 0]);
      const scale = Math.hypot(full[2], full[3]);
      if (annotationDepth > 0) {
        if (str.trim() === '') return;
        const angle = Math.atan2(full[1], full[0]);
        const beneath = backgroundAt(page.surfaces, page.surfaces.length, x + (advance * scale) / 2, y + (state.font * scale) / 2);
        const background = color !== null && beneath !== null && indistinguishable(color, beneath);
        annotations.push({ str, x, y, size: state.font * scale, angle, width: advance * Math.hypot(full[0], full[1]), hidden: hidden ? 'invisible' : background ? 'background' : null });
        return;
      }
      const text = str.normalize('NFKC').replace(/\s+/g, '');
      if (hidden && text.length > 0) page.anyInvisible = true;
      parts.push(text);
      for (let unit = 0; unit < text.length; unit += 1) {
        page.invisible.push(hidden);
        page.colors.push(color);
        page.surfacesBefore.push(page.surfaces.length);
      }
    }
  });
  page.text = parts.join('');
  const paints = new Set(page.surfaces.map((surface) => surface.color).filter((color): color is string => color !== null));
  paints.add(PAGE_COLOR);
  page.anyLight = page.colors.some((color) => color !== null && [...paints].some((paint) => indistinguishable(color, paint)));
  return { page, annotations };
}
