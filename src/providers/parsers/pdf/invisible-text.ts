/**
 * Finds text drawn with an invisible render mode (3 = neither fill nor stroke, 7 = clip only).
 * pdf.js text content does not carry the render mode, so the page's operator list (which does)
 * is walked in content-stream order and its glyphs are aligned with the text items, comparing
 * NFKC-normalised characters without whitespace. Items that cannot be aligned count as visible.
 */

/** The subset of pdf.js `OPS` used here. */
export interface TextOps {
  save: number;
  restore: number;
  setTextRenderingMode: number;
  showText: number;
  showSpacedText: number;
  nextLineShowText: number;
  nextLineSetSpacingShowText: number;
}

export interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[];
}

const INVISIBLE_MODES = new Set([3, 7]);
/** How far ahead (in characters) an unmatched item is looked for before giving up. */
const SEARCH_WINDOW = 4000;

function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function glyphUnicode(glyph: unknown): string {
  if (typeof glyph !== 'object' || glyph === null || !('unicode' in glyph)) return '';
  return typeof glyph.unicode === 'string' ? glyph.unicode : '';
}

/** Characters shown by the operator list, each with whether it was invisible; null if none was. */
function shownCharacters(operatorList: OperatorListLike, ops: TextOps): { text: string; invisible: boolean[] } | null {
  const showOps = new Set([ops.showText, ops.showSpacedText, ops.nextLineShowText, ops.nextLineSetSpacingShowText]);
  const stack: number[] = [];
  let mode = 0;
  let anyInvisible = false;
  const parts: string[] = [];
  const invisible: boolean[] = [];
  operatorList.fnArray.forEach((fn, index) => {
    const args = operatorList.argsArray[index];
    if (fn === ops.save) stack.push(mode);
    else if (fn === ops.restore) mode = stack.pop() ?? mode;
    else if (fn === ops.setTextRenderingMode && Array.isArray(args) && typeof args[0] === 'number') mode = args[0];
    else if (showOps.has(fn) && Array.isArray(args)) {
      const glyphs: unknown = args.find((arg: unknown) => Array.isArray(arg));
      if (!Array.isArray(glyphs)) return;
      const hidden = INVISIBLE_MODES.has(mode);
      const text = compact(glyphs.map(glyphUnicode).join(''));
      if (hidden && text.length > 0) anyInvisible = true;
      parts.push(text);
      for (let unit = 0; unit < text.length; unit += 1) invisible.push(hidden);
    }
  });
  return anyInvisible ? { text: parts.join(''), invisible } : null;
}

/**
 * For each text item string, whether it was drawn invisibly. Returns null when the page draws no
 * invisible text at all (the common case), so callers can skip the check.
 */
export function findInvisibleItems(operatorList: OperatorListLike, itemTexts: readonly string[], ops: TextOps): boolean[] | null {
  const shown = shownCharacters(operatorList, ops);
  if (shown === null) return null;
  let position = 0;
  return itemTexts.map((itemText) => {
    const key = compact(itemText);
    if (key.length === 0) return false;
    let at = shown.text.startsWith(key, position) ? position : -1;
    if (at < 0) {
      const found = shown.text.slice(position, position + SEARCH_WINDOW + key.length).indexOf(key);
      at = found < 0 ? -1 : position + found;
    }
    if (at < 0) return false;
    position = at + key.length;
    let hiddenCount = 0;
    for (let unit = at; unit < position; unit += 1) if (shown.invisible[unit] === true) hiddenCount += 1;
    return hiddenCount * 2 > key.length;
  });
}
