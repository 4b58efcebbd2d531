/**
 * Sentence segmentation with exact spans: Intl.Segmenter, then re-joins splits that follow
 * abbreviations ("e.g.", "Fig.", "Dr."), initials ("J. Smith") and decimal numbers.
 */
import { isLetter } from './word-runs.ts';

// Built on first use: constructing it loads ICU's sentence rules, ~25 ms that commands which never segment (docs
// list, --help) should not pay (issue 17, decision 0130).
let segmenter: Intl.Segmenter | null = null;

const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'fig', 'figs', 'eq', 'eqs', 'sec', 'no', 'nos', 'vol', 'pp', 'p', 'ch', 'ref', 'refs',
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'approx', 'dept', 'est', 'min', 'max',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'ph.d', 'resp', 'ca',
]);

const SPACE = /\s/u;

/**
 * What `/([\p{L}.]+)\.\s*$/u` on text[start, end) captures, found from the end (the regular expression tried every
 * start position of a segment, and merged segments grow: quadratic on long paragraphs, decision 0139); null when it
 * does not match. The run of letters and dots before the final '.' is taken whole, as the greedy match takes it.
 */
export function lastDottedWord(text: string, start: number, end: number): string | null {
  let e = end;
  while (e > start && SPACE.test(text[e - 1] as string)) e--;
  if (e <= start || text.charCodeAt(e - 1) !== 46) return null;
  let j = e - 1;
  while (j > start) {
    const code = text.charCodeAt(j - 1);
    if (code < 128) {
      if (code !== 46 && !isLetter(code)) break;
      j--;
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff && j - 2 >= start) {
      const high = text.charCodeAt(j - 2);
      if (high >= 0xd800 && high <= 0xdbff) {
        if (isLetter((high - 0xd800) * 0x400 + (code - 0xdc00) + 0x10000)) { j -= 2; continue; }
        break;
      }
    }
    if (isLetter(code)) { j--; continue; }
    break;
  }
  return j < e - 1 ? text.slice(j, e - 1) : null;
}

function endsWithAbbreviation(text: string, start: number, end: number): boolean {
  const word = lastDottedWord(text, start, end);
  if (word === null) return false;
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  return /^\p{Lu}$/u.test(word); // an initial such as "J."
}

/** Yields [start, end) spans of sentences within text[start, end), trimmed of white space. */
export function segmentSentences(text: string, start = 0, end = text.length): Array<[number, number]> {
  const slice = text.slice(start, end);
  const raw: Array<[number, number]> = [];
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  for (const part of segmenter.segment(slice)) raw.push([start + part.index, start + part.index + part.segment.length]);
  const merged: Array<[number, number]> = [];
  for (const span of raw) {
    const previous = merged[merged.length - 1];
    const nextText = text.slice(span[0], span[1]);
    if (previous && (endsWithAbbreviation(text, previous[0], previous[1]) || /^\s*[\p{Ll}\d(]/u.test(nextText))) {
      previous[1] = span[1];
    } else {
      merged.push([span[0], span[1]]);
    }
  }
  return merged
    .map(([s, e]) => {
      while (s < e && /\s/u.test(text[s] as string)) s++;
      while (e > s && /\s/u.test(text[e - 1] as string)) e--;
      return [s, e] as [number, number];
    })
    .filter(([s, e]) => e > s);
}
