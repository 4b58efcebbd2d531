/**
 * Example questions drawn from the user's own documents. For each document, its section headings
 * (numbered headings first, then short title-like lines of its first pages, generic ones such as
 * "Introduction" skipped) become "What does <file> say about <heading>?"; a document without
 * headings falls back to its most frequent readable content phrase (a two-word phrase seen at least
 * twice, else the most frequent content word). Files named like test debris (fuzzed,
 * corrupt, crash, bug1234, issue42…) and text that does not read as words are skipped (issue 15).
 */
import { ENGLISH_STOPWORDS } from '../../../providers/embedders/hash/english-stopwords.ts';

export interface ExampleSource { file: string; propositions: string[]; /** Text of the first pages (headings come from here). */ pages?: string[] }

/** Headings that say nothing about the document's subject. */
const GENERIC_HEADINGS = new Set(['abstract', 'introduction', 'conclusion', 'conclusions', 'references', 'bibliography', 'acknowledgments',
  'acknowledgements', 'acknowledgment', 'related work', 'contents', 'table of contents', 'appendix', 'index', 'preface', 'summary',
  'discussion', 'results', 'background', 'evaluation', 'methods', 'keywords', 'notes', 'overview', 'future work', 'general terms',
  'categories and subject descriptors', 'experiments', 'conclusion and future work', 'conclusions and future work', 'license', 'changelog']);
/** File names of test debris rather than documents someone reads. */
const DEBRIS_NAME = /fuzz|corrupt|crash|broken|invalid|malformed|garbage|^(bug|issue|poppler|pdfjs)[-_]?\d|^\d+\.\w+$/i;
const NUMBERED = /^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.)\s+(?=\p{Lu})/u;

/** True when `text` reads as words: mostly letters, every longer word has a vowel. */
export function readsAsWords(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 4) return false;
  const letters = (compact.match(/\p{L}/gu) ?? []).length;
  if (letters / compact.length < 0.8) return false;
  const words = text.split(/[\s/-]+/).filter((word) => word.length > 3 && !/^\p{Lu}+$/u.test(word));
  return words.every((word) => /[aeiouyAEIOUY\u00C0-\u024F]/.test(word));
}

/** The document's headings, best first: numbered section headings, then title-like short lines. */
export function headings(pages: readonly string[]): string[] {
  return rankedHeadings(pages).all;
}

function rankedHeadings(pages: readonly string[]): { all: string[]; numbered: number } {
  const numbered: string[] = [];
  const titled: string[] = [];
  for (const page of pages) {
    for (const raw of page.split('\n')) {
      const line = raw.replace(/^#{1,6}\s+/, '').trim();
      const isNumbered = NUMBERED.test(line);
      const text = line.replace(NUMBERED, '').trim();
      const words = text.split(/\s+/);
      if (words.length < (isNumbered ? 1 : 2) || words.length > 8 || text.length < 4 || text.length > 70) continue;
      // A trailing number is a table-of-contents or page-header line, not a heading.
      if (!/^\p{Lu}/u.test(text) || /[.,;:!?)\]]$|\s\d+$/.test(text) || /\d{3,}|@|https?:|[=<>{}|\\]/.test(text)) continue;
      if (GENERIC_HEADINGS.has(text.toLowerCase()) || !readsAsWords(text)) continue;
      // Title-like without a number: most words capitalised (as headings are), not a sentence fragment.
      const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
      if (!isNumbered && capitalised * 2 < words.length + 1) continue;
      (isNumbered ? numbered : titled).push(text);
    }
  }
  return { all: [...new Set([...numbered, ...titled])], numbered: new Set(numbered).size };
}

const WORD = /[A-Za-z][A-Za-z'-]{2,}/g;
const NOISE = new Set(['figure', 'table', 'section', 'page', 'et', 'al', 'using', 'used', 'use', 'one', 'two', 'new', 'based', 'however', 'thus', 'chapter']);

function contentWords(text: string): Array<string | null> {
  // null marks a phrase break (a stopword or punctuation between words).
  const out: Array<string | null> = [];
  for (const piece of text.split(/[.,;:()[\]{}!?"“”]+/)) {
    for (const match of piece.matchAll(WORD)) {
      const word = match[0].toLowerCase();
      out.push(ENGLISH_STOPWORDS.has(word) || NOISE.has(word) ? null : word);
    }
    out.push(null);
  }
  return out;
}

function mostFrequent(counts: Map<string, number>, minimum: number): string | null {
  let best: string | null = null;
  let bestCount = minimum - 1;
  for (const [phrase, count] of counts) if (count > bestCount || (count === bestCount && best !== null && phrase < best)) { best = phrase; bestCount = count; }
  return best;
}

export function keyPhrase(propositions: string[], exclude: ReadonlySet<string> = new Set()): string | null {
  const bigrams = new Map<string, number>();
  const words = new Map<string, number>();
  for (const text of propositions) {
    const tokens = contentWords(text);
    tokens.forEach((word, i) => {
      if (!word) return;
      words.set(word, (words.get(word) ?? 0) + 1);
      const next = tokens[i + 1];
      if (next && next !== word) bigrams.set(`${word} ${next}`, (bigrams.get(`${word} ${next}`) ?? 0) + 1);
    });
  }
  for (const phrase of exclude) { bigrams.delete(phrase); words.delete(phrase); }
  for (const counts of [bigrams, words]) for (const phrase of [...counts.keys()]) if (!readsAsWords(phrase)) counts.delete(phrase);
  return mostFrequent(bigrams, 2) ?? mostFrequent(words, 1);
}

/** Up to `limit` questions, spread over the documents first, then more phrases per document. */
export function exampleQuestions(allSources: ExampleSource[], limit = 4): string[] {
  const questions: string[] = [];
  const used = new Map<string, Set<string>>();
  const ranked = new Map(allSources.map((source) => [source.file, rankedHeadings(source.pages ?? [])]));
  // Documents with real numbered sections first (papers, reports), then the rest in the given order.
  const sources = allSources.filter((source) => !DEBRIS_NAME.test(source.file.split(/[\\/]/).pop() ?? source.file))
    .map((source, index) => ({ source, index, numbered: Math.min(3, ranked.get(source.file)?.numbered ?? 0) }))
    .sort((left, right) => right.numbered - left.numbered || left.index - right.index)
    .map(({ source }) => source);
  const sectionHeadings = new Map(sources.map((source) => [source.file, ranked.get(source.file)?.all ?? []]));
  for (let round = 0; round < limit && questions.length < limit; round++) {
    let added = false;
    for (const source of sources) {
      if (questions.length >= limit) break;
      const seen = used.get(source.file) ?? new Set<string>();
      const phrase = (sectionHeadings.get(source.file) ?? []).find((heading) => !seen.has(heading)) ?? keyPhrase(source.propositions, seen);
      if (!phrase) continue;
      seen.add(phrase);
      used.set(source.file, seen);
      questions.push(`What does ${source.file} say about ${phrase}?`);
      added = true;
    }
    if (!added) break;
  }
  return questions;
}
