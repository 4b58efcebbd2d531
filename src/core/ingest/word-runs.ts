/**
 * Character classes of the propositionizer and sentence segmenter without a regular expression per call
 * (decision 0139): ASCII from a table, other code points tested once with the same Unicode property
 * regex and remembered. `countWords` is `(text.match(/[\p{L}\p{N}]+/gu) ?? []).length` without the array.
 */
const LETTER = /^\p{L}$/u;
const WORD = /^[\p{L}\p{N}]$/u;
const letters = new Map<number, boolean>();
const words = new Map<number, boolean>();

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function lookUp(cache: Map<number, boolean>, pattern: RegExp, codePoint: number): boolean {
  let known = cache.get(codePoint);
  if (known === undefined) {
    known = pattern.test(String.fromCodePoint(codePoint));
    if (cache.size < 65_536) cache.set(codePoint, known);
  }
  return known;
}

/** \p{L} for one code point. */
export function isLetter(codePoint: number): boolean {
  return codePoint < 128 ? isAsciiLetter(codePoint) : lookUp(letters, LETTER, codePoint);
}

/** [\p{L}\p{N}] for one code point. */
export function isWordChar(codePoint: number): boolean {
  return codePoint < 128 ? isAsciiLetter(codePoint) || (codePoint >= 48 && codePoint <= 57) : lookUp(words, WORD, codePoint);
}

/** The number of maximal runs of letters and digits in text[start, end) (code points, as the `u` flag reads them). */
export function countWords(text: string, start = 0, end = text.length): number {
  let count = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) { code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000; i++; }
    }
    const word = isWordChar(code);
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}
