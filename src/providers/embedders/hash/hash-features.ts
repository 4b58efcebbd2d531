/**
 * Text → weighted sparse features for the hash embedder: lowercased Unicode word tokens, stopwords dropped,
 * light stemming; features are word unigrams, adjacent-word bigrams and character n-grams of each word.
 */
import { ENGLISH_STOPWORDS } from './english-stopwords.ts';
import { lightStem } from './light-stemmer.ts';

/** Feature-set knobs. The defaults are what the SciFact benchmark picked (bench/embedder-scifact.ts). */
export interface HashFeatureOptions {
  unigramWeight: number;
  bigramWeight: number;
  /** Weight of one character n-gram occurrence (n-grams of `<word>` with boundary marks). */
  charGramWeight: number;
  charGramMin: number;
  charGramMax: number;
  stem: boolean;
  stopwords: boolean;
}

export const DEFAULT_HASH_FEATURES: Readonly<HashFeatureOptions> = Object.freeze({
  unigramWeight: 1,
  bigramWeight: 0.5,
  charGramWeight: 0.15,
  charGramMin: 3,
  charGramMax: 5,
  stem: true,
  stopwords: true,
});

const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercased word tokens after stopword removal and stemming, in text order. */
export function hashTokens(text: string, options: HashFeatureOptions): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  const kept = options.stopwords ? words.filter((word) => !ENGLISH_STOPWORDS.has(word)) : words;
  // A text of only stopwords ("to be or not to be") still deserves a vector of its own.
  const tokens = kept.length > 0 ? kept : words;
  return options.stem ? tokens.map(lightStem) : tokens;
}

/**
 * Counts features of `text` into `counts` (feature key → occurrences); `featureWeight` gives each key's weight.
 * Keys carry a one-letter type prefix so a unigram never collides with an equal n-gram by construction.
 */
export function collectFeatures(text: string, options: HashFeatureOptions, counts: Map<string, number>): void {
  const tokens = hashTokens(text, options);
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (options.unigramWeight > 0) add(`w${token}`);
    if (options.bigramWeight > 0 && i + 1 < tokens.length) add(`b${token} ${tokens[i + 1] ?? ''}`);
    if (options.charGramWeight > 0 && token.length > options.charGramMin - 2) {
      const marked = `<${token}>`;
      for (let n = options.charGramMin; n <= options.charGramMax; n++) {
        for (let start = 0; start + n <= marked.length; start++) add(`c${marked.slice(start, start + n)}`);
      }
    }
  }
}

/** Weight of a feature key by its type prefix. */
export function featureWeight(key: string, options: HashFeatureOptions): number {
  switch (key.charCodeAt(0)) {
    case 119: return options.unigramWeight; // 'w'
    case 98: return options.bigramWeight; // 'b'
    default: return options.charGramWeight; // 'c'
  }
}
