/**
 * Text → sparse hashed features for the hash embedder: lowercased Unicode word tokens, stopwords dropped,
 * light stemming; features are word unigrams, adjacent-word bigrams and character n-grams of `<word>`.
 * Features are identified by 32-bit hashes (collisions at that width are negligible next to the final folding).
 */
import { ENGLISH_STOPWORDS } from './english-stopwords.ts';
import { featureHash } from './feature-hash.ts';
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
  bigramWeight: 0.25,
  charGramWeight: 0.3,
  charGramMin: 3,
  charGramMax: 5,
  stem: true,
  stopwords: true,
});

/** Occurrence counts per feature hash, one map per feature kind. */
export interface FeatureCounts {
  unigrams: Map<number, number>;
  bigrams: Map<number, number>;
  charGrams: Map<number, number>;
}

const WORD = /[\p{L}\p{N}]+/gu;
// Distinct seeds keep a unigram, a bigram and an n-gram with equal text apart.
const UNIGRAM_SEED = featureHash('w');
const BIGRAM_SEED = featureHash('b');
const CHAR_SEED = featureHash('c');

/** Lowercased word tokens after stopword removal and stemming, in text order. */
export function hashTokens(text: string, options: HashFeatureOptions): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  const kept = options.stopwords ? words.filter((word) => !ENGLISH_STOPWORDS.has(word)) : words;
  // A text of only stopwords ("to be or not to be") still deserves a vector of its own.
  const tokens = kept.length > 0 ? kept : words;
  return options.stem ? tokens.map(lightStem) : tokens;
}

function increment(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Counts the features of `text`. */
export function collectFeatures(text: string, options: HashFeatureOptions): FeatureCounts {
  const counts: FeatureCounts = { unigrams: new Map(), bigrams: new Map(), charGrams: new Map() };
  const tokens = hashTokens(text, options);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (options.unigramWeight > 0) increment(counts.unigrams, featureHash(token, 0, token.length, UNIGRAM_SEED));
    const following = tokens[i + 1];
    if (options.bigramWeight > 0 && following !== undefined) increment(counts.bigrams, featureHash(`${token} ${following}`, 0, token.length + following.length + 1, BIGRAM_SEED));
    if (options.charGramWeight > 0 && token.length + 2 >= options.charGramMin) {
      const marked = `<${token}>`;
      for (let n = options.charGramMin; n <= options.charGramMax; n++) {
        for (let start = 0; start + n <= marked.length; start++) increment(counts.charGrams, featureHash(marked, start, start + n, CHAR_SEED));
      }
    }
  }
  return counts;
}
