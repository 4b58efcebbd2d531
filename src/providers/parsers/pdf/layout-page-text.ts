/**
 * Page text from positioned runs: runs are grouped into lines by baseline, lines are cut into
 * segments at wide horizontal gaps, two-column pages are read left column then right column
 * (between full-width lines), and lines are joined into paragraphs, a blank line between two
 * paragraphs when the vertical gap is clearly larger than the usual line spacing. Characters are
 * kept exactly as extracted (no de-hyphenation).
 */
import type { PlacedText } from './place-text-items.ts';

/**
 * A piece of page text: `item` is the index of the text item it was copied from (`from` = offset in that
 * item's string), or -1 for a space or line break added by the layout. Citations map back to items this way.
 */
export interface TextChunk { str: string; item: number; from: number }
type Traced = TextChunk[];

interface Run { str: string; x: number; y: number; width: number; size: number; rtl: boolean; item: number }
interface Segment { runs: Run[]; start: number; end: number; y: number; size: number }
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
/** A line gap this many times the page's usual spacing starts a paragraph. */
const PARAGRAPH_GAP = 1.4;

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
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
      if (gap > SPACE_GAP * Math.max(run.size, previous.size) && !/\s$/.test(text) && !/^\s/.test(run.str)) {
        text += ' ';
        traced.push(added(' '));
      }
    }
    text += run.str;
    traced.push({ str: run.str, item: run.item, from: 0 });
  });
  return trimTraced(traced);
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
      if (last !== undefined && run.x - last.end <= SEGMENT_GAP * Math.max(run.size, last.size)) {
        last.runs.push(run);
        last.end = Math.max(last.end, run.x + run.width);
        last.size = Math.max(last.size, run.size);
      } else {
        segments.push({ runs: [run], start: run.x, end: run.x + run.width, y: run.y, size: run.size });
      }
    }
    return segments;
  });
}

/** Splits lines into reading-order blocks; a two-column page yields left-then-right blocks per band. */
function toBlocks(lines: Segment[][]): Line[][] {
  const segments = lines.flat();
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
  if (longLeft < 3 || longRight < 3) return [lines.map(lineOf)];
  const blocks: Line[][] = [];
  let leftColumn: Line[] = [];
  let rightColumn: Line[] = [];
  const flush = (): void => {
    for (const column of [leftColumn, rightColumn]) if (column.length > 0) blocks.push(column);
    leftColumn = [];
    rightColumn = [];
  };
  for (const line of lines) {
    if (line.some(spans)) {
      flush();
      blocks.push([lineOf(line)]);
      continue;
    }
    const leftParts = line.filter((segment) => center(segment) < middle);
    const rightParts = line.filter((segment) => center(segment) >= middle);
    if (leftParts.length > 0) leftColumn.push(lineOf(leftParts));
    if (rightParts.length > 0) rightColumn.push(lineOf(rightParts));
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
