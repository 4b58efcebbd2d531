/**
 * Splits answer text into sentences, each keeping the citation markers that follow it:
 * in "The Rhine is long. [a.txt:1:0-9] It flows north." the marker belongs to the first
 * sentence. A line break always ends a sentence (list items, headings). The split is
 * streaming-stable: a sentence reported `complete` keeps its bounds whatever text follows,
 * so the stream and the final answer cut sentences identically.
 */
import { CITATION_PATTERN } from './citation-marker.ts';

export interface SentenceSlice {
  /** [start, end) in the text; `end` includes the whitespace up to the next sentence. */
  start: number;
  end: number;
  /** False while the text so far cannot tell where this sentence ends. */
  complete: boolean;
}

const TERMINATOR = /[.!?…]/u;
const CLOSERS = /[)"'’”»]/u;
/** Words that end in a full stop without ending a sentence (lower-cased, without the dot). */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'et al', 'al', 'fig', 'figs', 'eq', 'eqs', 'sec', 'tab', 'no', 'vs', 'cf', 'approx', 'dr', 'mr', 'mrs', 'ms', 'st', 'ch', 'vol', 'pp', 'ref', 'refs']);

const MARKER_AT = new RegExp(CITATION_PATTERN.source, 'y');

function markerAt(text: string, at: number): string | null {
  MARKER_AT.lastIndex = at;
  return MARKER_AT.exec(text)?.[0] ?? null;
}

/** Whether a word follows `at` outside markers; while streaming, a trailing "[…" may still become a marker. */
function wordAhead(text: string, at: number, final: boolean): boolean {
  for (let i = at; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '[') {
      const marker = markerAt(text, i);
      if (marker) { i += marker.length - 1; continue; }
      if (!final && text.indexOf(']', i) === -1 && text.indexOf('\n', i) === -1) return false;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      return true;
    }
  }
  return false;
}

/** True when the text has a word outside its citation markers. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(new RegExp(CITATION_PATTERN.source, 'g'), ''));
}

function endsWithAbbreviation(text: string, dot: number): boolean {
  const word = /([\p{L}.]+(?: al)?)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1]?.toLowerCase() ?? '';
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word);
}

/**
 * From `from` (just past a terminator or a line break), skips whitespace and the citation
 * markers that close the sentence. Returns where the next sentence starts, or null when the
 * text ends before that is known (and `final` is false).
 */
function sentenceEnd(text: string, from: number, final: boolean, afterTerminator: boolean): number | null | 'continue' {
  let at = from;
  for (;;) {
    while (at < text.length && /\s/u.test(text[at] as string)) at++;
    if (at >= text.length) return final ? text.length : null;
    const ch = text[at] as string;
    if (ch === '[') {
      const marker = markerAt(text, at);
      if (marker) {
        at += marker.length;
        while (at < text.length && /[.,;:!?]/u.test(text[at] as string)) at++;
        continue;
      }
      // Possibly the start of a marker still streaming in.
      if (!final && text.indexOf(']', at) === -1 && text.indexOf('\n', at) === -1 && text.length - at < 240) return null;
    }
    // "e.g. the" or "ratio of 3. the": a lower-case word continues the sentence.
    if (afterTerminator && at === from + 1 && /\p{Ll}/u.test(ch)) return 'continue';
    // Stray punctuation with no word after it stays with this sentence.
    if (!wordAhead(text, at, final)) return final ? text.length : null;
    return at;
  }
}

/** `from` must be 0 or the end of a complete sentence (the gate resumes where it decided). */
export function splitSentences(text: string, options: { final?: boolean; from?: number } = {}): SentenceSlice[] {
  const final = options.final ?? false;
  const slices: SentenceSlice[] = [];
  let start = options.from ?? 0;
  let i = start;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '[') {
      const marker = markerAt(text, i);
      if (marker) { i += marker.length; continue; }
    }
    let boundary: number | null | 'continue' = 'continue';
    if (ch === '\n') {
      boundary = sentenceEnd(text, i + 1, final, false);
    } else if (TERMINATOR.test(ch)) {
      let after = i + 1;
      while (after < text.length && (TERMINATOR.test(text[after] as string) || CLOSERS.test(text[after] as string))) after++;
      if (after >= text.length) boundary = final ? text.length : null;
      else if (!/\s/u.test(text[after] as string)) boundary = 'continue';
      else if (ch === '.' && endsWithAbbreviation(text, i)) boundary = 'continue';
      else boundary = sentenceEnd(text, after, final, true);
      if (boundary === 'continue') { i = after; continue; }
    }
    if (boundary === null) break;
    if (boundary === 'continue') { i++; continue; }
    if (hasWords(text.slice(start, boundary))) {
      slices.push({ start, end: boundary, complete: true });
      start = boundary;
    }
    i = Math.max(boundary, i + 1);
  }
  if (start < text.length && /\S/u.test(text.slice(start))) {
    const last = slices.at(-1);
    if (!hasWords(text.slice(start)) && last && final) last.end = text.length;
    else slices.push({ start, end: text.length, complete: final });
  } else if (final && slices.length > 0) {
    (slices.at(-1) as SentenceSlice).end = text.length;
  }
  return slices;
}
