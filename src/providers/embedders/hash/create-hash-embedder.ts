/**
 * The offline default embedder: signed feature hashing of lexical and sub-word features. No network, no
 * weights, deterministic, thousands of texts per second. See docs/decisions/0002-offline-embedder.md.
 */
import { l2Normalize, throwIfAborted } from '../../../core/embed/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { Embedder } from '../../../core/ports/index.ts';
import { featureHash, mix32 } from './feature-hash.ts';
import { DEFAULT_HASH_FEATURES, collectFeatures, type HashFeatureOptions } from './hash-features.ts';

export interface HashEmbedderOptions {
  /** Vector length (default 384). */
  dimensions?: number;
  /** Characters beyond this are ignored, bounding the cost of one text (default 32,768). */
  maxInputChars?: number;
  /** Benchmark knobs; any change from the defaults is reflected in `name`, so indexes never mix variants. */
  features?: Partial<HashFeatureOptions>;
}

const SIGN_SALT = 0x9e3779b9;

/** Creates the `hash-v1:<dimensions>` embedder. */
export function createHashEmbedder(options: HashEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 384;
  if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 8192) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', `Hash embedder dimensions must be an integer in 8..8192, got ${dimensions}. Set embedder.dimensions accordingly.`);
  }
  const maxInputChars = options.maxInputChars ?? 32_768;
  const features: HashFeatureOptions = { ...DEFAULT_HASH_FEATURES, ...options.features };
  const custom = JSON.stringify(features) === JSON.stringify(DEFAULT_HASH_FEATURES) ? '' : `:custom-${featureHash(JSON.stringify(features)).toString(16)}`;

  const embedOne = (text: string): Float32Array => {
    const counts = collectFeatures(text.length > maxInputChars ? text.slice(0, maxInputChars) : text, features);
    const vector = new Float32Array(dimensions);
    const add = (hashes: Map<number, number>, weight: number): void => {
      for (const [hash, count] of hashes) {
        // Signed hashing: colliding features cancel on average instead of piling up.
        const sign = (mix32(hash ^ SIGN_SALT) & 1) === 0 ? 1 : -1;
        const index = hash % dimensions;
        vector[index] = (vector[index] ?? 0) + sign * weight * (1 + Math.log(count)); // sublinear tf
      }
    };
    add(counts.unigrams, features.unigramWeight);
    add(counts.bigrams, features.bigramWeight);
    add(counts.charGrams, features.charGramWeight);
    // Whitespace or punctuation only: one fixed component keeps the vector unit-length.
    if (counts.unigrams.size + counts.bigrams.size + counts.charGrams.size === 0) vector[0] = 1;
    return l2Normalize(vector);
  };

  return {
    name: `hash-v1:${dimensions}${custom}`,
    dimensions,
    maxInputsPerCall: 256,
    supportsParallelCalls: false,
    async embed(texts, callOptions) {
      throwIfAborted(callOptions?.signal);
      return texts.map(embedOne);
    },
    async embedQuery(text, callOptions) {
      throwIfAborted(callOptions?.signal);
      return embedOne(text);
    },
  };
}
