/**
 * EMBEDDER=auto: bge-small-en-v1.5 (EMBED_MODEL) through transformers.js when the model is in a local
 * folder (EMBED_MODEL_PATH), already downloaded (`<dataDir>/models/hub/<model>`), or can be fetched now
 * (checksummed, with progress); otherwise BM25-only retrieval with a notice saying why and what to do.
 * Every other provider is built as configured (`createEmbedder`).
 */
import path from 'node:path';
import { isPropoError } from '../../core/errors/index.ts';
import type { Embedder } from '../../core/ports/index.ts';
import { createEmbedder, localModelDir, type EmbedderConfig } from './create-embedder.ts';
import { createBm25OnlyEmbedder } from './none/create-bm25-only-embedder.ts';
import { fetchModel, type ModelDownloadProgress } from './transformers/fetch-model.ts';

/** How retrieval uses the embedder: semantic (a trained model), lexical (the hash embedder) or none (BM25 only). */
export type DenseKind = 'semantic' | 'lexical' | 'none';

export interface ResolvedEmbedder {
  embedder: Embedder;
  dense: DenseKind;
  /** How the embedder was chosen, e.g. "auto: downloaded BAAI/bge-small-en-v1.5". */
  source: string;
  /** Set when retrieval runs without semantic search although auto asked for it: why, and what to do. */
  notice?: string;
}

export interface ResolveEmbedderContext {
  dataDir: string;
  onProgress?: (progress: ModelDownloadProgress) => void;
  signal?: AbortSignal;
}

/** The dense kind of a configured (non-auto) provider. */
export function denseKindOf(provider: Exclude<EmbedderConfig['provider'], 'auto'>): DenseKind {
  return provider === 'hash' ? 'lexical' : 'semantic';
}

/** The notice shown when auto falls back to BM25-only. */
export function bm25OnlyNotice(reason: string): string {
  return `Semantic search is off: ${reason} Retrieval is BM25-only (keyword matching). ` +
    'To turn semantic search on, let Propo download the model once (network access to EMBED_HUB_URL) or set EMBED_MODEL_PATH ' +
    'to a folder with the model, restart, then run `bin/propo reindex`.';
}

export async function resolveEmbedder(config: EmbedderConfig, context: ResolveEmbedderContext): Promise<ResolvedEmbedder> {
  if (config.provider !== 'auto') {
    return { embedder: createEmbedder(config, context), dense: denseKindOf(config.provider), source: config.provider };
  }
  const semantic = (modelPath: string, source: string): ResolvedEmbedder => ({
    embedder: createEmbedder({ ...config, provider: 'transformers', modelPath }, context),
    dense: 'semantic',
    source,
  });
  if (config.modelPath !== undefined) return semantic(config.modelPath, `auto: local folder ${config.modelPath}`);
  const cached = localModelDir(config, context.dataDir);
  if (cached !== undefined) return semantic(cached, `auto: cached ${config.model}`);
  try {
    const dir = await fetchModel({
      hubUrl: config.hubUrl, model: config.model, dtype: config.dtype, cacheDir: path.join(context.dataDir, 'models'),
      ...(context.onProgress ? { onProgress: context.onProgress } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    return semantic(dir, `auto: downloaded ${config.model}`);
  } catch (error) {
    if (!isPropoError(error)) throw error;
    return {
      embedder: createBm25OnlyEmbedder(),
      dense: 'none',
      source: 'auto: BM25-only',
      notice: bm25OnlyNotice(`the embedding model ${config.model} is not available (${error.message.replace(/\.?$/, '.')})`),
    };
  }
}
