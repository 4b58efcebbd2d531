/**
 * Block-level Markdown to plain text for retrieval, with a source map: `map[i]` is the offset in
 * the Markdown source of plain character `i`, and `map[text.length]` is the end of the last one,
 * so a citation span [s, e) of the plain text is the source span [map[s], map[e]).
 */
import { inlineToPlain, MappedText, type InlineContext } from './markdown-inline.ts';

export interface PlainTextWithMap {
  text: string;
  /** Length text.length + 1; non-decreasing offsets into the source. */
  map: number[];
}

interface SourceLine {
  text: string;
  start: number;
  /** Offset of the line break after the line, or -1 on the last line. */
  newline: number;
}

/** A converted line, or a marker that ends a paragraph ('break') or vanishes ('skip'). */
type LineResult = { out: MappedText; code: boolean } | 'break' | 'skip';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const THEMATIC_OR_SETEXT = /^ {0,3}(?:(?:[-*_] *){3,}|=+ *|-+ *)$/;
const DIRECTIVE = /^\s*\{\{#.*\}\}\s*$/;
const LINK_DEFINITION = /^ {0,3}\[([^\]]+)\]:\s*\S/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const CONTAINER = /^\s*:{3,}\s*[\w-]*\s*/;
/** `<script>` and `<style>` blocks hold code for the page, not prose; they are dropped. */
const RAW_BLOCK = /^ {0,3}<(script|style)(?:\s|>|$)/i;
const PREFIX = /^(?:\s{0,3}>\s?)*\s*(?:#{1,6}(?=\s|$)\s*|[-*+]\s+(?:\[[ xX]\]\s+)?)?/;

function splitLines(source: string, base: number): SourceLine[] {
  const lines: SourceLine[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
    lines.push({ text: source.slice(start, match.index), start: base + start, newline: base + match.index });
    start = match.index + match[0].length;
  }
  lines.push({ text: source.slice(start), start: base + start, newline: -1 });
  return lines;
}

function isTableSeparator(line: string | undefined): boolean {
  return line !== undefined && line.includes('|') === true && line.includes('-') && TABLE_SEPARATOR.test(line);
}

/** Code and front-matter lines are copied as they are, indentation included. */
function verbatim(line: SourceLine): LineResult {
  const out = new MappedText();
  out.copy(line.text, line.start, 0, line.text.length);
  return { out, code: true };
}

/** Converts one page of Markdown; offsets in the map are `base` + offsets into `source`. */
export function markdownToPlain(source: string, base = 0): PlainTextWithMap {
  const lines = splitLines(source, base);
  const linkLabels = new Set<string>();
  for (const line of lines) {
    const definition = LINK_DEFINITION.exec(line.text);
    if (definition?.[1] !== undefined) linkLabels.add(definition[1].toLowerCase());
  }
  const results: Array<{ line: SourceLine; result: LineResult }> = [];
  let fence: string | null = null;
  let frontMatter = false;
  let inTable = false;
  let inComment = false;
  let rawBlockEnd: string | null = null;
  lines.forEach((line, index) => {
    const text = line.text;
    const push = (result: LineResult): void => {
      results.push({ line, result });
    };
    if (fence !== null) {
      const close = FENCE.exec(text);
      if (close?.[1] !== undefined && close[1][0] === fence[0] && close[1].length >= fence.length && (close[2] ?? '').trim() === '') {
        fence = null;
        push('break');
      } else push(DIRECTIVE.test(text) ? 'break' : verbatim(line));
      return;
    }
    if (rawBlockEnd !== null) {
      if (text.toLowerCase().includes(rawBlockEnd)) rawBlockEnd = null;
      push('break');
      return;
    }
    const rawBlock = RAW_BLOCK.exec(text);
    if (rawBlock?.[1] !== undefined) {
      const end = `</${rawBlock[1].toLowerCase()}>`;
      if (!text.toLowerCase().includes(end)) rawBlockEnd = end;
      push('break');
      return;
    }
    if (index === 0 && text.trim() === '---') {
      frontMatter = true;
      push('break');
      return;
    }
    if (frontMatter) {
      if (text.trim() === '---' || text.trim() === '...') frontMatter = false;
      push(frontMatter ? verbatim(line) : 'break');
      return;
    }
    let from = 0;
    if (inComment) {
      const end = text.indexOf('-->');
      if (end < 0) return push('skip');
      inComment = false;
      from = end + 3;
    }
    const open = FENCE.exec(text);
    if (from === 0 && open?.[1] !== undefined && !(open[1][0] === '`' && (open[2] ?? '').includes('`'))) {
      fence = open[1];
      push('break');
      return;
    }
    if (text.trim() === '') {
      inTable = false;
      push('break');
      return;
    }
    if (isTableSeparator(text)) {
      inTable = true;
      push('skip');
      return;
    }
    if (from === 0 && (THEMATIC_OR_SETEXT.test(text) || DIRECTIVE.test(text) || LINK_DEFINITION.test(text))) {
      push('break');
      return;
    }
    if (from === 0) from = (CONTAINER.exec(text) ?? PREFIX.exec(text))?.[0].length ?? 0;
    let to = text.length;
    const commentStart = text.indexOf('<!--', from);
    if (commentStart >= 0) {
      const commentEnd = text.indexOf('-->', commentStart + 4);
      if (commentEnd < 0) {
        inComment = true;
        to = commentStart;
      }
    }
    if (/^\s*#{1,6}\s/.test(text)) to = from + text.slice(from, to).replace(/\s+#+\s*$/, '').length;
    const out = new MappedText();
    const context: InlineContext = { linkLabels, pipesToSpaces: inTable || isTableSeparator(lines[index + 1]?.text) };
    inlineToPlain(text, line.start, from, to, out, context);
    push(out.chars.join('').trim() === '' ? 'break' : { out, code: false });
  });
  return assemble(results, base);
}

/** Joins converted lines with `\n`, paragraphs with `\n\n`, trimming each line's edges. */
function assemble(results: Array<{ line: SourceLine; result: LineResult }>, base: number): PlainTextWithMap {
  const chars: string[] = [];
  const map: number[] = [];
  let pendingBreak = false;
  let lastNewline = -1;
  let previousNewline = -1;
  for (const { line, result } of results) {
    if (result === 'skip') continue;
    if (result === 'break') {
      if (chars.length > 0) pendingBreak = true;
      if (line.newline >= 0) lastNewline = line.newline;
      continue;
    }
    const { out, code } = result;
    let first = 0;
    let last = out.chars.length;
    while (last > first && /\s/.test(out.chars[last - 1] ?? '')) last -= 1;
    if (!code) while (first < last && /\s/.test(out.chars[first] ?? '')) first += 1;
    if (chars.length > 0) {
      chars.push('\n');
      map.push(previousNewline);
      if (pendingBreak) {
        chars.push('\n');
        map.push(lastNewline >= 0 ? lastNewline : previousNewline);
      }
    }
    pendingBreak = false;
    for (let index = first; index < last; index += 1) {
      chars.push(out.chars[index] ?? '');
      map.push(out.map[index] ?? base);
    }
    previousNewline = line.newline >= 0 ? line.newline : line.start + line.text.length;
  }
  const lastOffset = map[map.length - 1];
  map.push(lastOffset === undefined ? base : lastOffset + 1);
  return { text: chars.join(''), map };
}
