/**
 * EMBEDDER=auto: bge-small-en-v1.5 (EMBED_MODEL) through transformers.js when the model is in a local
 * folder (EMBED_MODEL_PATH), already downloaded (`<dataDir>/models/hub/<model>`), or can be fetched now
 * (checksummed, with progress); otherwise BM25-only retrieval with a notice saying why and what to do.
 * Every other provider is built as configured (`createEmbedder`).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /**
   * When a download of the same model from the same hub failed less than this long ago, do not try again: BM25-only
   * at once, with the recorded reason (default 0: always try). For commands that only read (`ask`): a failed fetch
   * costs 50–150 ms of loading fetch, or a DNS timeout offline, on every run (issue 17, decision 0131). Commands
   * that write vectors (`ingest`, `serve`) always try, so a library is not built BM25-only because of an old failure.
   */
  skipFailedDownloadForMs?: number;
}

/** `<dataDir>/models/auto-unavailable.json`: the last failed download (any command writes it, a success removes it). */
export function failedDownloadFile(dataDir: string): string {
  return path.join(dataDir, 'models', 'auto-unavailable.json');
}

interface FailedDownload { model: string; hubUrl: string; at: string; reason: string }

function recentFailure(file: string, config: EmbedderConfig, withinMs: number): FailedDownload | null {
  if (withinMs <= 0) return null;
  try {
    const last = JSON.parse(readFileSync(file, 'utf8')) as FailedDownload;
    const age = Date.now() - Date.parse(last.at);
    return last.model === config.model && last.hubUrl === config.hubUrl && age >= 0 && age < withinMs ? last : null;
  } catch {
    return null; // none recorded (or unreadable): try
  }
}

function recordFailure(file: string, failure: FailedDownload | null): void {
  try {
    if (failure === null) rmSync(file, { force: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(failure)}\n`);
    }
  } catch {
    // A read-only data dir: the next run tries again.
  }
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
  const failures = failedDownloadFile(context.dataDir);
  const bm25Only = (reason: string): ResolvedEmbedder => ({
    embedder: createBm25OnlyEmbedder(),
    dense: 'none',
    source: 'auto: BM25-only',
    notice: bm25OnlyNotice(`the embedding model ${config.model} is not available (${reason.replace(/\.?$/, '.')})`),
  });
  const recent = recentFailure(failures, config, context.skipFailedDownloadForMs ?? 0);
  if (recent) return bm25Only(`${recent.reason.replace(/\.?$/, '')}; at ${recent.at}, not retried by this command`);
  try {
    const dir = await fetchModel({
      hubUrl: config.hubUrl, model: config.model, dtype: config.dtype, cacheDir: path.join(context.dataDir, 'models'),
      ...(context.onProgress ? { onProgress: context.onProgress } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    recordFailure(failures, null);
    return semantic(dir, `auto: downloaded ${config.model}`);
  } catch (error) {
    if (!isPropoError(error)) throw error;
    if (!context.signal?.aborted) recordFailure(failures, { model: config.model, hubUrl: config.hubUrl, at: new Date().toISOString(), reason: error.message });
    return bm25Only(error.message);
  }
}
