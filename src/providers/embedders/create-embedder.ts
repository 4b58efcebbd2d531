/**
 * The embedder registry: validated `config.embedder` → one Embedder. An explicit switch, no silent fallback;
 * an unknown provider is a typed configuration error.
 */
import path from 'node:path';
import type { PropoConfig } from '../../core/config/index.ts';
import { PropoError } from '../../core/errors/index.ts';
import type { Embedder } from '../../core/ports/index.ts';
import { createHashEmbedder } from './hash/index.ts';
import { createBm25OnlyEmbedder } from './none/create-bm25-only-embedder.ts';
import { cachedModelDir, isModelComplete } from './transformers/model-files.ts';
import { createOpenAiEmbedder } from './openai/index.ts';
import { createTransformersEmbedder } from './transformers/index.ts';

export type EmbedderConfig = PropoConfig['embedder'];

/**
 * Builds the configured embedder. `dataDir` hosts the transformers.js download cache (`<dataDir>/models`).
 * - auto (without downloading; `resolveEmbedder` also downloads): transformers from EMBED_MODEL_PATH or the
 *   download cache, else the BM25-only placeholder embedder.
 * - hash: `dimensions` from config.
 * - transformers: `model`, `modelPath` (offline), `dtype`, `batchSize`; `dimensions` is only the pre-load hint.
 * - openai: `baseUrl` (default https://api.openai.com/v1), `apiKey`, `model`, `dimensions` (required, checked), `batchSize`.
 */
/** Hash embedder size: 1024 scores nDCG@10 0.564 on SciFact vs 0.490 at 384 (docs/decisions/0002-offline-embedder.md). */
export const HASH_DEFAULT_DIMENSIONS = 1024;

export function createEmbedder(config: EmbedderConfig, context: { dataDir: string }): Embedder {
  const provider: string = config.provider;
  switch (config.provider) {
    case 'auto': {
      const modelPath = config.modelPath ?? localModelDir(config, context.dataDir);
      return modelPath === undefined ? createBm25OnlyEmbedder() : createEmbedder({ ...config, provider: 'transformers', modelPath }, context);
    }
    case 'hash':
      return createHashEmbedder({ dimensions: config.dimensions ?? HASH_DEFAULT_DIMENSIONS });
    case 'transformers':
      return createTransformersEmbedder({
        model: config.model,
        dtype: config.dtype,
        cacheDir: path.join(context.dataDir, 'models'),
        expectedDimensions: config.dimensions ?? 384,
        maxInputsPerCall: config.batchSize,
        ...(config.modelPath === undefined ? {} : { modelPath: config.modelPath }),
      });
    case 'openai':
      return createOpenAiEmbedder({
        baseUrl: config.baseUrl ?? 'https://api.openai.com/v1',
        model: config.model,
        dimensions: config.dimensions ?? 1536,
        maxInputsPerCall: config.batchSize,
        ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
      });
    default:
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', `Unknown embedder provider "${provider}". Set EMBEDDER to auto, hash, transformers or openai.`);
  }
}

/** The downloaded copy of `config.model` under `<dataDir>/models`, when complete. */
export function localModelDir(config: EmbedderConfig, dataDir: string): string | undefined {
  const dir = cachedModelDir(path.join(dataDir, 'models'), config.model);
  return isModelComplete(dir, config.dtype) ? dir : undefined;
}
