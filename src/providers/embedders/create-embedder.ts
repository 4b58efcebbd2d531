/**
 * The embedder registry: validated `config.embedder` → one Embedder. An explicit switch, no silent fallback;
 * an unknown provider is a typed configuration error.
 */
import path from 'node:path';
import type { PropoConfig } from '../../core/config/index.ts';
import { PropoError } from '../../core/errors/index.ts';
import type { Embedder } from '../../core/ports/index.ts';
import { createHashEmbedder } from './hash/index.ts';
import { createOpenAiEmbedder } from './openai/index.ts';
import { createTransformersEmbedder } from './transformers/index.ts';

export type EmbedderConfig = PropoConfig['embedder'];

/**
 * Builds the configured embedder. `dataDir` hosts the transformers.js download cache (`<dataDir>/models`).
 * - hash: `dimensions` from config.
 * - transformers: `model`, `modelPath` (offline), `dtype`, `batchSize`; `dimensions` is only the pre-load hint.
 * - openai: `baseUrl` (default https://api.openai.com/v1), `apiKey`, `model`, `dimensions` (required, checked), `batchSize`.
 */
/** Hash embedder size: 1024 scores nDCG@10 0.564 on SciFact vs 0.490 at 384 (docs/decisions/0002-offline-embedder.md). */
export const HASH_DEFAULT_DIMENSIONS = 1024;

export function createEmbedder(config: EmbedderConfig, context: { dataDir: string }): Embedder {
  const provider: string = config.provider;
  switch (config.provider) {
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
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', `Unknown embedder provider "${provider}". Set EMBEDDER to hash, transformers or openai.`);
  }
}
