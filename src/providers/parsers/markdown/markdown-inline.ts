/**
 * Inline Markdown to plain text, character by character, remembering for every output
 * character the source offset it came from (see markdown-to-plain.ts for the block level).
 */

/** Output characters and, for each, its offset in the Markdown source. */
export class MappedText {
  readonly chars: string[] = [];
  readonly map: number[] = [];

  push(char: string, sourceOffset: number): void {
    this.chars.push(char);
    this.map.push(sourceOffset);
  }

  /** Copies `line.slice(from, to)` unchanged. */
  copy(line: string, lineStart: number, from: number, to: number): void {
    for (let index = from; index < to; index += 1) this.push(line[index] ?? '', lineStart + index);
  }
}

export interface InlineContext {
  /** Lower-cased labels of `[label]: url` definitions, so `[label]` shortcut links lose their brackets. */
  linkLabels: ReadonlySet<string>;
  /** In table rows, unescaped `|` becomes a space. */
  pipesToSpaces: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', copy: '©',
};
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/;
const AUTOLINK = /^<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)|(?:[^\s<>@]+@[^\s<>@]+))>/;
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/;

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Index of the `]` closing the `[` at `open`, honouring nesting and escapes; -1 if none. */
function closingBracket(line: string, open: number): number {
  let depth = 0;
  for (let index = open; index < line.length; index += 1) {
    const char = line[index];
    if (char === '\\') index += 1;
    else if (char === '[') depth += 1;
    else if (char === ']' && --depth === 0) return index;
  }
  return -1;
}

/** Index just after the `(...)` destination starting at `open`, or -1. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  for (let index = open; index < line.length; index += 1) {
    const char = line[index];
    if (char === '\\') index += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return index + 1;
  }
  return -1;
}

/** For `[text]` at `open`..`close`, the index after the whole link, or -1 when it is not a link. */
function linkEnd(line: string, close: number, label: string, context: InlineContext): number {
  const next = line[close + 1];
  if (next === '(') return closingParen(line, close + 1);
  if (next === '[') {
    const refClose = line.indexOf(']', close + 2);
    return refClose < 0 ? -1 : refClose + 1;
  }
  return context.linkLabels.has(label.toLowerCase()) ? close + 1 : -1;
}

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (decimal !== undefined || hex !== undefined) {
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
  }
  return name === undefined ? undefined : ENTITIES[name];
}

/**
 * Appends the plain text of `line.slice(from, to)` to `out`: emphasis markers, link syntax, HTML
 * tags and code-span backticks are removed; link text, image alt text and code are kept.
 */
export function inlineToPlain(line: string, lineStart: number, from: number, to: number, out: MappedText, context: InlineContext): void {
  let index = from;
  while (index < to) {
    const char = line[index] ?? '';
    const rest = line.slice(index, to);
    if (char === '\\' && index + 1 < to && ESCAPABLE.test(line[index + 1] ?? '')) {
      out.push(line[index + 1] ?? '', lineStart + index + 1);
      index += 2;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(rest)?.[0] ?? '`';
      const close = line.indexOf(run, index + run.length);
      if (close >= 0 && close < to) {
        out.copy(line, lineStart, index + run.length, close);
        index = close + run.length;
      } else {
        out.copy(line, lineStart, index, index + run.length);
        index += run.length;
      }
      continue;
    }
    if (char === '[' || (char === '!' && line[index + 1] === '[')) {
      const open = char === '!' ? index + 1 : index;
      const close = closingBracket(line, open);
      const end = close > 0 && close < to ? linkEnd(line, close, line.slice(open + 1, close), context) : -1;
      if (end > 0 && end <= to) {
        inlineToPlain(line, lineStart, open + 1, close, out, context);
        index = end;
        continue;
      }
    }
    if (char === '<') {
      const commentEnd = rest.startsWith('<!--') ? rest.indexOf('-->', 4) : -1;
      if (commentEnd >= 0) {
        index += commentEnd + 3;
        continue;
      }
      const autolink = AUTOLINK.exec(rest);
      if (autolink !== null) {
        out.copy(line, lineStart, index + 1, index + autolink[0].length - 1);
        index += autolink[0].length;
        continue;
      }
      const tag = TAG.exec(rest);
      if (tag !== null) {
        index += tag[0].length;
        continue;
      }
    }
    if (char === '&') {
      const entity = ENTITY.exec(rest);
      const decoded = entity === null ? undefined : decodeEntity(entity);
      if (entity !== null && decoded !== undefined) {
        for (let unit = 0; unit < decoded.length; unit += 1) out.push(decoded[unit] ?? '', lineStart + index);
        index += entity[0].length;
        continue;
      }
    }
    if (char === '*' || char === '_' || (char === '~' && line[index + 1] === '~')) {
      const run = new RegExp(`^\\${char}+`).exec(rest)?.[0] ?? char;
      const before = line[index - 1];
      const after = index + run.length < to ? line[index + run.length] : undefined;
      const flanking = !isSpace(after) || !isSpace(before);
      const intraword = char === '_' && isWordChar(before) && isWordChar(after);
      if (flanking && !intraword) {
        index += run.length;
        continue;
      }
      out.copy(line, lineStart, index, index + run.length);
      index += run.length;
      continue;
    }
    out.push(char === '|' && context.pipesToSpaces ? ' ' : char, lineStart + index);
    index += 1;
  }
}
