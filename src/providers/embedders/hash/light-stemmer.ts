/**
 * A light English suffix stripper (a subset of Porter step 1 plus a few derivational endings). It conflates
 * plural and inflected forms ("mutations" → "mutat", "increased" → "increas"); the character n-grams of the
 * hash embedder catch what it misses. Only plural -s is stripped from four-letter words; shorter words are left alone.
 */
const VOWEL = /[aeiouy]/;
/** Checked in order; the first match wins. "mutation" and "mutate" both end as "mutat". */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['ational', 'at'], ['ization', 'iz'], ['ation', 'at'], ['ement', ''], ['ment', ''], ['ness', ''],
  ['ingly', ''], ['edly', ''], ['ing', ''], ['ed', ''], ['ly', ''],
];

export function lightStem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let stem = word;
  if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('s') && !stem.endsWith('ss') && !stem.endsWith('us') && !stem.endsWith('is')) stem = stem.slice(0, -1);

  if (stem.length <= 4) return stem;
  for (const [suffix, replacement] of SUFFIXES) {
    const base = stem.slice(0, -suffix.length);
    if (stem.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) {
      stem = base + replacement;
      // "stopped" → "stopp" → "stop"; keep ll/ss/zz ("called", "passed").
      const last = stem.at(-1) ?? '';
      if (replacement === '' && stem.length > 3 && last === stem.at(-2) && !'lsz'.includes(last) && !VOWEL.test(last)) stem = stem.slice(0, -1);
      break;
    }
  }
  if (stem.length > 4 && stem.endsWith('e')) stem = stem.slice(0, -1);
  if (stem.endsWith('y') && stem.length > 3 && !VOWEL.test(stem.at(-2) ?? '')) stem = `${stem.slice(0, -1)}i`;
  return stem;
}
