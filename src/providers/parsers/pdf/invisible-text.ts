/**
 * Finds text a reader cannot see in the page content: an invisible render mode (3 = neither fill nor stroke,
 * 7 = clip only), or a colour indistinguishable from what lies beneath (white on the white page, or the colour
 * of a filled shape drawn earlier under it, issue 14 item 11). pdf.js text content carries neither, so the
 * page's operator list (which does) is walked in content-stream order (graphics-walk.ts) and its glyphs are
 * aligned with the text items, comparing NFKC-normalised characters without whitespace. Items that cannot be
 * aligned count as visible.
 */
import { backgroundAt, indistinguishable, type ShownGlyphs } from './graphics-walk.ts';
import type { HiddenReason, TextItemLike } from './place-text-items.ts';

/** How far ahead (in characters) an unmatched item is looked for before giving up. */
const SEARCH_WINDOW = 4000;

function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function reasonOf(item: TextItemLike, shown: ShownGlyphs, at: number, end: number): HiddenReason | null {
  const length = end - at;
  let invisible = 0;
  for (let unit = at; unit < end; unit += 1) if (shown.invisible[unit] === true) invisible += 1;
  if (invisible * 2 > length) return 'invisible';
  const color = shown.colors[at];
  const surfacesBefore = shown.surfacesBefore[at] ?? 0;
  if (color === undefined || color === null) return null;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
  // The middle of the item's box, along its direction.
  const angle = Math.atan2(b, a);
  const x = e + (item.width / 2) * Math.cos(angle) - (size / 2) * Math.sin(angle);
  const y = f + (item.width / 2) * Math.sin(angle) + (size / 2) * Math.cos(angle);
  const beneath = backgroundAt(shown.surfaces, surfacesBefore, x, y);
  return beneath !== null && indistinguishable(color, beneath) ? 'background' : null;
}

/**
 * For each text item, why it is hidden (or null). Returns null when the page draws no hidden text at all
 * (the common case), so callers can skip the check.
 */
export function findHiddenItems(shown: ShownGlyphs, items: readonly TextItemLike[]): Array<HiddenReason | null> | null {
  if (!shown.anyInvisible && !shown.anyLight) return null;
  let position = 0;
  const reasons = items.map((item) => {
    const key = compact(item.str);
    if (key.length === 0) return null;
    let at = shown.text.startsWith(key, position) ? position : -1;
    if (at < 0) {
      const found = shown.text.slice(position, position + SEARCH_WINDOW + key.length).indexOf(key);
      at = found < 0 ? -1 : position + found;
    }
    if (at < 0) return null;
    position = at + key.length;
    return reasonOf(item, shown, at, position);
  });
  return reasons.some((reason) => reason !== null) ? reasons : null;
}
