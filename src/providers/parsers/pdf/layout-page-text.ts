/**
 * Page text from positioned runs: runs are grouped into lines by baseline, lines are cut into
 * segments at wide horizontal gaps, two-column pages are read left column then right column
 * (between full-width lines), notes in the margin after them (decision 0140), and lines are joined
 * into paragraphs, a blank line between two paragraphs when the vertical gap is clearly larger than
 * the usual line spacing. Characters are kept exactly as extracted (no de-hyphenation); a space is added between runs a
 * gap separates and between a sub- or superscript and the text it touches (decision 0144).
 */
import type { PlacedText } from './place-text-items.ts';

/**
 * A piece of page text: `item` is the index of the text item it was copied from (`from` = offset in that
 * item's string), or -1 for a space or line break added by the layout. Citations map back to items this way.
 */
export interface TextChunk { str: string; item: number; from: number }
type Traced = TextChunk[];

interface Run { str: string; x: number; y: number; width: number; size: number; rtl: boolean; item: number; margin?: boolean }
/** `margin`: the segment's runs lie in a margin strip beside the body text (see markMargins). */
interface Segment { runs: Run[]; start: number; end: number; y: number; size: number; margin: boolean }
interface Line { text: Traced; y: number; size: number }

const plain = (traced: Traced): string => traced.map((chunk) => chunk.str).join('');
const added = (str: string): TextChunk => ({ str, item: -1, from: 0 });

/** `text.trim()` over chunks: leading and trailing whitespace removed, offsets kept. */
function trimTraced(traced: Traced): Traced {
  const out = traced.filter((chunk) => chunk.str !== '').map((chunk) => ({ ...chunk }));
  while (out.length > 0) {
    const first = out[0] as TextChunk;
    const cut = (/^\s+/.exec(first.str)?.[0] ?? '').length;
    if (cut === 0) break;
    if (cut === first.str.length) { out.shift(); continue; }
    out[0] = { str: first.str.slice(cut), item: first.item, from: first.from + cut };
    break;
  }
  while (out.length > 0) {
    const last = out[out.length - 1] as TextChunk;
    const cut = (/\s+$/.exec(last.str)?.[0] ?? '').length;
    if (cut === 0) break;
    if (cut === last.str.length) { out.pop(); continue; }
    out[out.length - 1] = { str: last.str.slice(0, last.str.length - cut), item: last.item, from: last.from };
    break;
  }
  return out;
}

function joinTraced(parts: Traced[], separator: string): Traced {
  const out: Traced = [];
  parts.forEach((part, index) => {
    if (index > 0) out.push(added(separator));
    out.push(...part);
  });
  return out;
}

/** A baseline difference up to this fraction of the font size stays on the same line. */
const SAME_LINE = 0.5;
/** A horizontal gap wider than this many font sizes separates two segments (columns, cells). */
const SEGMENT_GAP = 1.2;
/** A gap wider than this many font sizes between runs becomes a space. */
const SPACE_GAP = 0.1;
/**
 * Two touching runs of which one is at most this fraction of the other's font size… (TeX sets a script at 0.7 of the text
 * size, a second-level script at 0.5 of it; small caps and italics share the text's size.)
 */
const SCRIPT_SIZE = 0.85;
/** …with a baseline this many of the larger font sizes apart (TeX lowers a subscript 0.15 em, raises a superscript 0.36 em) are a script and its base. */
const SCRIPT_SHIFT = 0.1;
/** A line gap this many times the page's usual spacing starts a paragraph. */
const PARAGRAPH_GAP = 1.4;
/** A margin strip is at least this many of its font sizes wide (a word, not a bullet, a footnote mark or a page number)… */
const MARGIN_MIN_WIDTH = 2;
/** …narrower than this fraction of the text's full width… */
const MARGIN_WIDTH = 0.25;
/** …holds at most this fraction of its characters… */
const MARGIN_CHARACTERS = 0.05;
/** …and its lines cover at most this fraction of the height the text's lines cover (a table's column covers all rows). */
const MARGIN_HEIGHT = 0.2;

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Whether `run` is a sub- or superscript of `previous` or the text after one (decision 0144): the text layer glues a
 * script to the word it attaches to ("dmodel" for d_model, "BERTBASE" for BERT_BASE, "Transformer2" for a footnote mark),
 * so the page text reads them apart ("d model", "BERT BASE"). A glyph drawn over the one before (an accent), a script
 * next to punctuation, digits after digits ("10" and a raised "9") and an ordinal's letters ("1st") are not split.
 */
function isScriptBoundary(previous: Run, run: Run, gap: number): boolean {
  const larger = Math.max(run.size, previous.size);
  const smaller = Math.min(run.size, previous.size);
  if (smaller > SCRIPT_SIZE * larger || Math.abs(run.y - previous.y) <= SCRIPT_SHIFT * larger || gap < -0.3 * smaller) return false;
  // Only between a letter or digit and a letter or digit: "N2)" reads "N 2)", not "N 2 )".
  const end = /[\p{L}\p{N}]$/u.exec(previous.str)?.[0];
  const start = /^[\p{L}\p{N}]/u.exec(run.str)?.[0];
  if (end === undefined || start === undefined) return false;
  // A power of ten ("10" then a raised "9") stays as the text layer has it, as does an ordinal ("1" then a raised "st").
  if (/\p{N}/u.test(end) && (/\p{N}/u.test(start) || /^(?:st|nd|rd|th)(?![\p{L}\p{N}])/u.test(run.str))) return false;
  return true;
}

function segmentText(segment: Segment): Traced {
  const rtl = segment.runs.filter((run) => run.rtl).length * 2 > segment.runs.length;
  const runs = rtl ? [...segment.runs].reverse() : segment.runs;
  let text = '';
  const traced: Traced = [];
  runs.forEach((run, index) => {
    const previous = runs[index - 1];
    if (previous !== undefined) {
      const gap = rtl ? previous.x - (run.x + run.width) : run.x - (previous.x + previous.width);
      if ((gap > SPACE_GAP * Math.max(run.size, previous.size) || isScriptBoundary(previous, run, gap)) && !/\s$/.test(text) && !/^\s/.test(run.str)) {
        text += ' ';
        traced.push(added(' '));
      }
    }
    text += run.str;
    traced.push({ str: run.str, item: run.item, from: 0 });
  });
  return trimTraced(traced);
}

const visibleLength = (str: string): number => str.replace(/\s/g, '').length;

/** The height covered by the runs' boxes (the union of their [y, y + size] intervals). */
function coveredHeight(runs: Run[]): number {
  let covered = 0;
  let top = -Infinity;
  for (const run of [...runs].sort((first, second) => first.y - second.y)) {
    const start = Math.max(run.y, top);
    if (run.y + run.size > start) covered += run.y + run.size - start;
    top = Math.max(top, run.y + run.size);
  }
  return covered;
}

/**
 * Marks the runs of margin strips: the page's runs are cut into vertical strips at every x that no run crosses from
 * the top of the text to the bottom, and a strip at the left or right end (or several) that is narrow and holds few
 * characters, on a few lines only (a note beside a column, not a table's first column), yet wider than a bullet or a
 * page number, is margin (a reviewer's free-text note flattened into the page). Margin runs neither count for the
 * page's width and middle, which decide the column of short lines near the gutter (issue 12: on OPT's page 3 a note
 * moved the middle and the last line of a caption, "ties.", joined the left column), nor join a body line's segment.
 */
function markMargins(runs: Run[]): void {
  const strips: Array<{ runs: Run[]; start: number; end: number; characters: number }> = [];
  for (const run of [...runs].sort((left, right) => left.x - right.x)) {
    const last = strips[strips.length - 1];
    if (last !== undefined && run.x <= last.end) {
      last.runs.push(run);
      last.end = Math.max(last.end, run.x + run.width);
      last.characters += visibleLength(run.str);
    } else {
      strips.push({ runs: [run], start: run.x, end: run.x + run.width, characters: visibleLength(run.str) });
    }
  }
  const total = strips.reduce((sum, strip) => sum + strip.characters, 0);
  const full = (strips[strips.length - 1]?.end ?? 0) - (strips[0]?.start ?? 0);
  const height = coveredHeight(runs);
  /** Whether strips[from..to] (adjacent, at one end) together are a margin. */
  const isMargin = (from: number, to: number): boolean => {
    const group = strips.slice(from, to + 1);
    const groupRuns = group.flatMap((strip) => strip.runs);
    const width = (group[group.length - 1]?.end ?? 0) - (group[0]?.start ?? 0);
    return width < MARGIN_WIDTH * full && group.reduce((sum, strip) => sum + strip.characters, 0) <= MARGIN_CHARACTERS * total &&
      width >= MARGIN_MIN_WIDTH * Math.max(...groupRuns.map((run) => run.size)) && coveredHeight(groupRuns) <= MARGIN_HEIGHT * height;
  };
  // The widest group of strips at each end that is a margin (a note's words can form several strips).
  let first = 0;
  for (let index = 0; index < strips.length - 1 && (strips[index]?.end ?? 0) - (strips[0]?.start ?? 0) < MARGIN_WIDTH * full; index += 1) {
    if (isMargin(0, index)) first = index + 1;
  }
  let last = strips.length - 1;
  for (let index = strips.length - 1; index > first && (strips[strips.length - 1]?.end ?? 0) - (strips[index]?.start ?? 0) < MARGIN_WIDTH * full; index -= 1) {
    if (isMargin(index, strips.length - 1)) last = index - 1;
  }
  strips.forEach((strip, index) => {
    if (index < first || index > last) for (const run of strip.runs) run.margin = true;
  });
}

/** Groups runs into lines (top to bottom) and cuts each line into segments (left to right). */
function toSegmentLines(runs: Run[]): Segment[][] {
  const sorted = [...runs].sort((left, right) => right.y - left.y || left.x - right.x);
  const lines: Run[][] = [];
  let current: Run[] = [];
  for (const run of sorted) {
    const first = current[0];
    if (first !== undefined && Math.abs(first.y - run.y) > SAME_LINE * Math.max(first.size, run.size)) {
      lines.push(current);
      current = [];
    }
    current.push(run);
  }
  if (current.length > 0) lines.push(current);
  return lines.map((line) => {
    const byX = [...line].sort((left, right) => left.x - right.x);
    const segments: Segment[] = [];
    for (const run of byX) {
      const last = segments[segments.length - 1];
      if (last !== undefined && last.margin === (run.margin === true) && run.x - last.end <= SEGMENT_GAP * Math.max(run.size, last.size)) {
        last.runs.push(run);
        last.end = Math.max(last.end, run.x + run.width);
        last.size = Math.max(last.size, run.size);
      } else {
        segments.push({ runs: [run], start: run.x, end: run.x + run.width, y: run.y, size: run.size, margin: run.margin === true });
      }
    }
    return segments;
  });
}

/**
 * Splits lines into reading-order blocks; a two-column page yields left-then-right blocks per band. Margin segments
 * (markMargins) follow as a block of their own: after the body of a one-column page, after the columns of a band.
 */
function toBlocks(lines: Segment[][]): Line[][] {
  const all = lines.flat();
  const segments = all.some((segment) => !segment.margin) ? all.filter((segment) => !segment.margin) : all;
  const left = Math.min(...segments.map((segment) => segment.start));
  const right = Math.max(...segments.map((segment) => segment.end));
  const width = right - left;
  const middle = (left + right) / 2;
  const margin = 0.04 * width;
  const spans = (segment: Segment): boolean => segment.start < middle - margin && segment.end > middle + margin;
  const isLong = (segment: Segment): boolean => segment.end - segment.start >= 0.35 * width && !spans(segment);
  const center = (segment: Segment): number => (segment.start + segment.end) / 2;
  const longLeft = segments.filter((segment) => isLong(segment) && center(segment) < middle).length;
  const longRight = segments.filter((segment) => isLong(segment) && center(segment) >= middle).length;
  const lineOf = (parts: Segment[]): Line => ({
    text: joinTraced(parts.map(segmentText), ' '),
    y: Math.max(...parts.map((part) => part.y)),
    size: Math.max(...parts.map((part) => part.size)),
  });
  const bodyParts = (line: Segment[]): Segment[] => line.filter((segment) => !segment.margin);
  const marginParts = (line: Segment[]): Segment[] => line.filter((segment) => segment.margin);
  if (longLeft < 3 || longRight < 3) {
    const linesOf = (parts: Segment[][]): Line[] => parts.filter((line) => line.length > 0).map(lineOf);
    return [linesOf(lines.map(bodyParts)), linesOf(lines.map(marginParts))].filter((block) => block.length > 0);
  }
  const blocks: Line[][] = [];
  let leftColumn: Line[] = [];
  let rightColumn: Line[] = [];
  let marginColumn: Line[] = [];
  const flush = (): void => {
    for (const column of [leftColumn, rightColumn, marginColumn]) if (column.length > 0) blocks.push(column);
    leftColumn = [];
    rightColumn = [];
    marginColumn = [];
  };
  for (const line of lines) {
    if (bodyParts(line).some(spans)) {
      flush();
      blocks.push([lineOf(bodyParts(line))]);
      if (marginParts(line).length > 0) marginColumn.push(lineOf(marginParts(line)));
      continue;
    }
    const leftParts = bodyParts(line).filter((segment) => center(segment) < middle);
    const rightParts = bodyParts(line).filter((segment) => center(segment) >= middle);
    if (leftParts.length > 0) leftColumn.push(lineOf(leftParts));
    if (rightParts.length > 0) rightColumn.push(lineOf(rightParts));
    if (marginParts(line).length > 0) marginColumn.push(lineOf(marginParts(line)));
  }
  flush();
  return blocks;
}

/** Joins lines with `\n` and paragraphs with `\n\n`. */
function joinParagraphs(blocks: Line[][]): Traced {
  const gaps: number[] = [];
  for (const block of blocks) {
    block.forEach((line, index) => {
      const previous = block[index - 1];
      const gap = previous === undefined ? 0 : previous.y - line.y;
      if (previous !== undefined && gap > 0.5 * line.size && gap < 3 * line.size) gaps.push(gap / line.size);
    });
  }
  const spacing = median(gaps) ?? 1.2;
  const paragraphs: Traced[] = [];
  for (const block of blocks) {
    let paragraph: Traced[] = [];
    block.forEach((line, index) => {
      const previous = block[index - 1];
      if (previous !== undefined) {
        const gap = (previous.y - line.y) / Math.max(line.size, previous.size);
        const sizeChange = Math.max(line.size, previous.size) / Math.max(0.1, Math.min(line.size, previous.size));
        if (gap <= 0 || gap > PARAGRAPH_GAP * spacing || sizeChange > 1.3) {
          paragraphs.push(joinTraced(paragraph, '\n'));
          paragraph = [];
        }
      }
      if (plain(line.text) !== '') paragraph.push(line.text);
    });
    paragraphs.push(joinTraced(paragraph, '\n'));
  }
  return joinTraced(paragraphs.filter((paragraph) => plain(paragraph) !== ''), '\n\n');
}

/** Lays out runs that share one text direction, rotated so that the text reads left to right. */
function layoutDirection(texts: PlacedText[], angle: number): Traced {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const runs = texts.map((text) => ({
    str: text.str, width: text.width, size: text.size, rtl: text.rtl, item: text.index ?? -1,
    x: text.x * cos + text.y * sin,
    y: -text.x * sin + text.y * cos,
  }));
  markMargins(runs);
  return joinParagraphs(toBlocks(toSegmentLines(runs)));
}

/**
 * The reading-order text of one page. Runs are grouped by direction (whole degrees); the
 * direction holding most characters comes first, others (e.g. a rotated margin stamp) follow
 * as their own paragraphs.
 */
export function layoutPageText(texts: readonly PlacedText[]): string {
  return plain(layoutPageTextTraced(texts));
}

/** The page text of layoutPageText as chunks that say which text item (PlacedText.index) each piece came from. */
export function layoutPageTextTraced(texts: readonly PlacedText[]): TextChunk[] {
  const groups = new Map<number, PlacedText[]>();
  for (const text of texts) {
    const degrees = ((Math.round((text.angle * 180) / Math.PI) % 360) + 360) % 360;
    const group = groups.get(degrees) ?? [];
    group.push(text);
    groups.set(degrees, group);
  }
  const weight = (group: PlacedText[]): number => group.reduce((sum, text) => sum + text.str.length, 0);
  return [...groups.entries()]
    .sort((left, right) => weight(right[1]) - weight(left[1]))
    .map(([degrees, group]) => layoutDirection(group, (degrees * Math.PI) / 180))
    .filter((text) => plain(text) !== '')
    .reduce<Traced>((all, text, index) => (index === 0 ? [...text] : [...all, added('\n\n'), ...text]), []);
}
