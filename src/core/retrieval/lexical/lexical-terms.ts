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
  return dropQuestionWords ? lexicalTerms(text, QUESTION_WORDS, true) : lexicalTerms(text, undefined, true);
}

/**
 * How text becomes words before stop words and stemming. `compounds` for a word that mixes letters and digits:
 * 'letters' (the default, decision 0154) also emits its letter runs of two or more letters, after the text's words
 * ("gata3" → gata3 … gata; "foxo3a" → foxo3a … foxo; "p53" → p53), so a name written "GATA3" meets "GATA-3" and
 * "FoxO3a" meets "FOXO"; with `wordLength` (default) those added terms are left out of the BM25 length (`termLength`).
 * 'letters1' takes single letters too, 'split' the letter and digit runs; 'none' the word once (before 0154). The other values (a hyphen-joined form, the runs instead of the word, an S-stemmer, no
 * stemming, Greek letters as names, words with digits unstemmed) lost on SciFact and exist for `bench/fit-ranking.ts`.
 * Process-wide: the app sets it from `retrieval.lexical.mixedWords` before it builds any statistics (compose.ts).
 */
export interface LexicalAnalysis { stemmer: 'porter2' | 's' | 'none'; compounds: 'none' | 'join' | 'split' | 'both' | 'parts' | 'letters' | 'letters1'; greek: boolean; keepDigitWords: boolean; queryOnly?: boolean; wordLength?: boolean }
const DEFAULT_ANALYSIS: LexicalAnalysis = { stemmer: 'porter2', compounds: 'letters', greek: false, keepDigitWords: false, wordLength: true };
let analysis: LexicalAnalysis = DEFAULT_ANALYSIS;
export function setLexicalAnalysis(next: Partial<LexicalAnalysis>): void {
  const before = analysis;
  analysis = { ...DEFAULT_ANALYSIS, ...next };
  if (analysis.stemmer !== before.stemmer || analysis.keepDigitWords !== before.keepDigitWords) stems.clear();
}
export function lexicalAnalysis(): Readonly<LexicalAnalysis> {
  return analysis;
}
const GREEK: Record<string, string> = { α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega' };
const GREEK_CHAR = /[α-ω]/gu;
const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
const LETTER_DIGIT = /\p{L}+|\p{N}+/gu;
const LETTERS = /\p{L}+/gu;
const LONG_LETTERS = /\p{L}{2,}/gu;
/** A word with a letter next to a digit. */
const MIXED = /\p{L}\p{N}|\p{N}\p{L}/u;

function sStem(word: string): string {
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const DIGIT = /\p{N}/u;
function stemWord(word: string): string {
  if (analysis.keepDigitWords && DIGIT.test(word)) return word;
  return analysis.stemmer === 'porter2' ? stem(word) : analysis.stemmer === 's' ? sStem(word) : word;
}

/** Marks a word added to a mixed word (its letter runs), so `wordLength` can leave it out of the length. */
const EXTRA = '\u0000';
/** The words of `lower` (already lower-cased) under a bench variant (the default takes the path in `lexicalTerms`). */
function words(lower: string, query: boolean): string[] {
  const text = analysis.greek ? lower.replace(GREEK_CHAR, (c) => ` ${GREEK[c] ?? c} `) : lower;
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const mixed = analysis.compounds !== 'none' && analysis.compounds !== 'join' && (query || !analysis.queryOnly) && MIXED.test(word);
    if (mixed && analysis.compounds === 'parts') { out.push(...(word.match(LETTER_DIGIT) ?? [])); continue; }
    out.push(word);
    if (mixed) for (const part of analysis.compounds === 'letters' ? word.match(LONG_LETTERS) ?? [] : analysis.compounds === 'letters1' ? word.match(LETTERS) ?? [] : word.match(LETTER_DIGIT) ?? []) out.push(EXTRA + part);
  }
  if (analysis.compounds === 'join' || analysis.compounds === 'both') {
    for (const match of text.matchAll(HYPHENATED)) if (/\p{N}/u.test(match[0])) out.push(match[0].replaceAll('-', ''));
  }
  return out;
}

/** Term lists whose length for BM25 excludes the letter runs added to mixed words (`wordLength`): list → length. */
const wordLengths = new WeakMap<readonly string[], number>();
/** The BM25 length of a term list from `lexicalTerms`: its terms, or with `wordLength` its words alone. */
export function termLength(terms: readonly string[]): number {
  return wordLengths.get(terms) ?? terms.length;
}

export function lexicalTerms(text: string, extraStop?: ReadonlySet<string>, query = false): string[] {
  const out: string[] = [];
  let added = 0;
  const push = (word: string, extra: boolean) => {
    if (STOP.has(word) || extraStop?.has(word)) return;
    let term = stems.get(word);
    if (term === undefined) {
      term = stemWord(word);
      if (stems.size < MAX_CACHED_STEMS) stems.set(word, term);
    }
    out.push(term);
    if (extra && analysis.wordLength) added++;
  };
  const lower = text.toLowerCase();
  if ((analysis.compounds === 'none' || analysis.compounds === 'letters') && !analysis.greek && !analysis.queryOnly) {
    const list = lower.match(WORD) ?? [];
    for (const word of list) push(word, false);
    // The default (decision 0154): each mixed word's letter runs, after the words (only text with a digit has any).
    if (analysis.compounds === 'letters' && DIGIT.test(lower)) {
      for (const word of list) if (MIXED.test(word)) for (const part of word.match(LONG_LETTERS) ?? []) push(part, true);
    }
  } else {
    for (const raw of words(lower, query)) push(raw.startsWith(EXTRA) ? raw.slice(1) : raw, raw.startsWith(EXTRA));
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
