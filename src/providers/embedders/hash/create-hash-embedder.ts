/**
 * The offline default embedder: signed feature hashing of lexical and sub-word features. No network, no
 * weights, deterministic, thousands of texts per second. See docs/decisions/0002-offline-embedder.md.
 */
import { l2Normalize, throwIfAborted } from '../../../core/embed/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { Embedder } from '../../../core/ports/index.ts';
import { featureHash } from './feature-hash.ts';
import { DEFAULT_HASH_FEATURES, collectFeatures, featureWeight, type HashFeatureOptions } from './hash-features.ts';

export interface HashEmbedderOptions {
  /** Vector length (default 384). */
  dimensions?: number;
  /** Characters beyond this are ignored, bounding the cost of one text (default 32,768). */
  maxInputChars?: number;
  /** Benchmark knobs; any change from the defaults is reflected in `name`, so indexes never mix variants. */
  features?: Partial<HashFeatureOptions>;
}

const SIGN_SEED = 0x9e3779b9;

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
    const counts = new Map<string, number>();
    collectFeatures(text.length > maxInputChars ? text.slice(0, maxInputChars) : text, features, counts);
    // Whitespace or punctuation only: one fixed feature keeps the vector unit-length.
    if (counts.size === 0) counts.set('e', 1);
    const vector = new Float32Array(dimensions);
    for (const [key, count] of counts) {
      const hash = featureHash(key);
      const sign = (featureHash(key, SIGN_SEED) & 1) === 0 ? 1 : -1;
      const weight = key === 'e' ? 1 : featureWeight(key, features);
      const index = hash % dimensions;
      vector[index] = (vector[index] ?? 0) + sign * weight * (1 + Math.log(count));
    }
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
