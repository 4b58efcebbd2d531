/**
 * Example questions drawn from the user's own documents: for each document, its most frequent
 * content phrase (a two-word phrase seen at least twice, else the most frequent content word)
 * becomes "What does <file> say about <phrase>?".
 */
import { ENGLISH_STOPWORDS } from '../../../providers/embedders/hash/english-stopwords.ts';

export interface ExampleSource { file: string; propositions: string[] }

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
  return mostFrequent(bigrams, 2) ?? mostFrequent(words, 1);
}

/** Up to `limit` questions, spread over the documents first, then more phrases per document. */
export function exampleQuestions(sources: ExampleSource[], limit = 4): string[] {
  const questions: string[] = [];
  const used = new Map<string, Set<string>>();
  for (let round = 0; round < limit && questions.length < limit; round++) {
    let added = false;
    for (const source of sources) {
      if (questions.length >= limit) break;
      const seen = used.get(source.file) ?? new Set<string>();
      const phrase = keyPhrase(source.propositions, seen);
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
