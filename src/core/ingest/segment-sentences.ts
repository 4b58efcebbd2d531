/**
 * Sentence segmentation with exact spans: Intl.Segmenter, then re-joins splits that follow
 * abbreviations ("e.g.", "Fig.", "Dr."), initials ("J. Smith") and decimal numbers.
 */
// Built on first use: constructing it loads ICU's sentence rules, ~25 ms that commands which never segment (docs
// list, --help) should not pay (issue 17, decision 0130).
let segmenter: Intl.Segmenter | null = null;

const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'fig', 'figs', 'eq', 'eqs', 'sec', 'no', 'nos', 'vol', 'pp', 'p', 'ch', 'ref', 'refs',
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'approx', 'dept', 'est', 'min', 'max',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'ph.d', 'resp', 'ca',
]);

function endsWithAbbreviation(segment: string): boolean {
  const match = /([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!match) return false;
  const word = (match[1] as string).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  return /^\p{Lu}$/u.test(match[1] as string); // an initial such as "J."
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
    if (previous && (endsWithAbbreviation(text.slice(previous[0], previous[1])) || /^\s*[\p{Ll}\d(]/u.test(nextText))) {
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
