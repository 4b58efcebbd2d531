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

/**
 * How a word that mixes letters and digits becomes terms (decision 0154). 'letters' (the default): the word, and
 * after the text's words its letter runs of two or more letters ("gata3" → gata3 … gata; "foxo3a" → foxo3a … foxo;
 * "p53" → p53), so a name written "GATA3" meets "GATA-3" and "FoxO3a" meets "FOXO"; the added terms are left out
 * of the BM25 length (`termLength`). 'none': the word once (before 0154). The variants that lost on SciFact (split
 * into letter and digit runs, single letters, a hyphen-joined form, the runs instead of the word, the split on the
 * query side only, an S-stemmer, no stemming, Greek letters as names, words with digits unstemmed; decision 0155)
 * were measured at commit 7d1f257 and removed after.
 * Process-wide: the app sets it from `retrieval.lexical.mixedWords` before it builds any statistics (compose.ts).
 */
export interface LexicalAnalysis { compounds: 'none' | 'letters' }
const DEFAULT_ANALYSIS: LexicalAnalysis = { compounds: 'letters' };
let analysis: LexicalAnalysis = DEFAULT_ANALYSIS;
export function setLexicalAnalysis(next: Partial<LexicalAnalysis>): void {
  analysis = { ...DEFAULT_ANALYSIS, ...next };
}
export function lexicalAnalysis(): Readonly<LexicalAnalysis> {
  return analysis;
}
const LONG_LETTERS = /\p{L}{2,}/gu;
/** A word with a letter next to a digit. */
const MIXED = /\p{L}\p{N}|\p{N}\p{L}/u;
const DIGIT = /\p{N}/u;

/** Term lists whose BM25 length excludes the letter runs added to mixed words: list → length. */
const wordLengths = new WeakMap<readonly string[], number>();
/** The BM25 length of a term list from `lexicalTerms`: its terms without the added letter runs. */
export function termLength(terms: readonly string[]): number {
  return wordLengths.get(terms) ?? terms.length;
}

export function lexicalTerms(text: string, extraStop?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let added = 0;
  const push = (word: string): boolean => {
    if (STOP.has(word) || extraStop?.has(word)) return false;
    let term = stems.get(word);
    if (term === undefined) {
      term = stem(word);
      if (stems.size < MAX_CACHED_STEMS) stems.set(word, term);
    }
    out.push(term);
    return true;
  };
  const lower = text.toLowerCase();
  const list = lower.match(WORD) ?? [];
  for (const word of list) push(word);
  // Each mixed word's letter runs, after the words (only text with a digit has any).
  if (analysis.compounds === 'letters' && DIGIT.test(lower)) {
    for (const word of list) if (MIXED.test(word)) for (const part of word.match(LONG_LETTERS) ?? []) if (push(part)) added++;
  }
  if (added > 0) wordLengths.set(out, out.length - added);
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
