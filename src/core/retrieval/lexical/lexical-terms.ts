/**
 * Terms of the core BM25F re-scorer (decision 0018): lower-cased letter/digit runs, English stop
 * words removed, Porter2 (Snowball English) stems — the analysis of the published SciFact BM25 runs.
 */
import stem from 'wink-porter2-stemmer';

const STOP = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));
const WORD = /[\p{L}\p{N}]+/gu;
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

/**
 * Words that make a sentence a question (interrogatives, auxiliaries, pronouns) rather than name what it is
 * about: "How many parameters does PaLM have?" is about parameters and PaLM. Dropped from the query only
 * (`questionTerms`, decision 0121); documents keep them.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(('what which who whom whose when where why how many much do does did done doing has have having had ' +
  'were been being am can could would should shall may might must i me my we us our you your he him his she her its them').split(' '));

/** The terms of a query: `lexicalTerms`, and without `QUESTION_WORDS` when `dropQuestionWords` (decision 0121). */
export function queryLexicalTerms(text: string, dropQuestionWords: boolean): string[] {
  return dropQuestionWords ? lexicalTerms(text, QUESTION_WORDS) : lexicalTerms(text);
}

export function lexicalTerms(text: string, extraStop?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (STOP.has(word) || extraStop?.has(word)) continue;
    let term = stems.get(word);
    if (term === undefined) {
      term = stem(word);
      if (stems.size < MAX_CACHED_STEMS) stems.set(word, term);
    }
    out.push(term);
  }
  return out;
}

/**
 * The stems computed so far (word → stem): Porter2 costs ≈ 6 µs a word, most of building the corpus statistics on a
 * process's first search (≈ 100 ms for 11k distinct words), so the app saves them and primes the next process.
 */
export function stemCacheEntries(): Array<[string, string]> {
  return [...stems];
}

export function stemCacheSize(): number {
  return stems.size;
}

/**
 * Adds saved stems after checking a sample of them (every 64th, at least 16) against the stemmer, so a file from
 * another stemmer version, or a damaged one, is refused as a whole. Returns how many new entries were taken, or -1
 * when the sample disagrees (nothing taken).
 */
export function primeStemCache(entries: ReadonlyArray<readonly [string, string]>): number {
  const step = Math.max(1, Math.min(64, Math.floor(entries.length / 16)));
  for (let i = 0; i < entries.length; i += step) {
    const [word, term] = entries[i] as readonly [string, string];
    if (stem(word) !== term) return -1;
  }
  let taken = 0;
  for (const [word, term] of entries) {
    if (stems.size >= MAX_CACHED_STEMS) break;
    if (!stems.has(word)) { stems.set(word, term); taken++; }
  }
  return taken;
}
