/**
 * Terms of the core BM25F re-scorer (decision 0018): lower-cased letter/digit runs, English stop
 * words removed, Porter2 (Snowball English) stems — the analysis of the published SciFact BM25 runs.
 */
import stem from 'wink-porter2-stemmer';

const STOP = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));
const WORD = /[\p{L}\p{N}]+/gu;
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

export function lexicalTerms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (STOP.has(word)) continue;
    let term = stems.get(word);
    if (term === undefined) {
      term = stem(word);
      if (stems.size < MAX_CACHED_STEMS) stems.set(word, term);
    }
    out.push(term);
  }
  return out;
}
