/**
 * Turns pdf.js text items into positioned runs and drops text a reader cannot see (a common
 * prompt-injection carrier): invisible render mode, drawn in the colour beneath it (white on white),
 * font size under 1 pt, or outside the page's view box. Dropped items are counted so the parser can warn about them.
 */

/** A run of text at a position in PDF user space (y grows upwards). */
export interface PlacedText {
  str: string;
  /** Baseline start point. */
  x: number;
  y: number;
  /** Advance along the text direction. */
  width: number;
  /** Font size (height of the text box). */
  size: number;
  /** Text direction in radians (0 = left to right). */
  angle: number;
  rtl: boolean;
  /** Index of the text item this run is (in the items given to placeTextItems). */
  index?: number;
}

/** The fields of a pdf.js TextItem used here. */
export interface TextItemLike {
  str: string;
  dir: string;
  transform: number[];
  width: number;
  height: number;
}

/** Why an item cannot be seen, as found in the operator list (invisible-text.ts). */
export type HiddenReason = 'invisible' | 'background';

export interface HiddenTextCounts {
  invisible: number;
  /** Drawn in the colour of what lies beneath (the white page or a filled shape). */
  background: number;
  tiny: number;
  outside: number;
}

/** Items smaller than this (in points) are not readable and are dropped. */
export const MIN_FONT_SIZE = 1;
/** Items with less than this fraction of their box on the page count as outside it. */
const MOSTLY_INSIDE = 0.5;

/**
 * True when less than half of the item's box lies inside the view box. (pdf.js itself already
 * omits glyphs whose origin is outside the view box, silently; this catches text that starts
 * inside but is drawn mostly off the page.)
 */
function isOutside(item: PlacedText, view: readonly number[]): boolean {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = view;
  const cos = Math.cos(item.angle);
  const sin = Math.sin(item.angle);
  const xs = [item.x, item.x + item.width * cos, item.x - item.size * sin, item.x + item.width * cos - item.size * sin];
  const ys = [item.y, item.y + item.width * sin, item.y + item.size * cos, item.y + item.width * sin + item.size * cos];
  const [left, right, bottom, top] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const insideX = Math.max(0, Math.min(right, Math.max(x1, x2)) - Math.max(left, Math.min(x1, x2)));
  const insideY = Math.max(0, Math.min(top, Math.max(y1, y2)) - Math.max(bottom, Math.min(y1, y2)));
  const fractionX = right > left ? insideX / (right - left) : Number(left >= Math.min(x1, x2) && left <= Math.max(x1, x2));
  const fractionY = top > bottom ? insideY / (top - bottom) : Number(bottom >= Math.min(y1, y2) && bottom <= Math.max(y1, y2));
  return fractionX * fractionY < MOSTLY_INSIDE;
}

/**
 * Positions every visible item; `hiddenReasons[i]` (from findHiddenItems) says why item i cannot be seen,
 * if it cannot. Whitespace-only items are neither kept nor counted.
 */
export function placeTextItems(
  items: readonly TextItemLike[],
  view: readonly number[],
  hiddenReasons: ReadonlyArray<HiddenReason | null> | null,
): { placed: PlacedText[]; hidden: HiddenTextCounts } {
  const hidden: HiddenTextCounts = { invisible: 0, background: 0, tiny: 0, outside: 0 };
  const placed: PlacedText[] = [];
  items.forEach((item, index) => {
    if (item.str.trim() === '') return;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
    const text: PlacedText = { str: item.str, x: e, y: f, width: item.width, size, angle: Math.atan2(b, a), rtl: item.dir === 'rtl', index };
    const reason = hiddenReasons?.[index] ?? null;
    if (reason !== null) hidden[reason] += 1;
    else if (size < MIN_FONT_SIZE) hidden.tiny += 1;
    else if (isOutside(text, view)) hidden.outside += 1;
    else placed.push(text);
  });
  return { placed, hidden };
}
