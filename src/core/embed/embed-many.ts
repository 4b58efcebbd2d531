/**
 * The one place where batching, concurrency, retries and cancellation of embedding calls live.
 * Adapters only declare capabilities (`maxInputsPerCall`, `supportsParallelCalls`) and embed one batch.
 */
import { PropoError, isPropoError } from '../errors/index.ts';
import type { Embedder } from '../ports/index.ts';
import { abortableSleep, throwIfAborted } from './abortable-sleep.ts';

export interface EmbedManyProgress {
  /** Texts embedded so far. */
  done: number;
  total: number;
}

export interface EmbedManyOptions {
  signal?: AbortSignal;
  onProgress?: (progress: EmbedManyProgress) => void;
  /** Batches in flight at once when the embedder supports parallel calls (default 4). */
  concurrency?: number;
  /** Retries per batch for retryable PropoErrors (default 3). */
  maxRetries?: number;
  /** First backoff delay; doubles each attempt, with jitter (default 250 ms). */
  retryBaseDelayMs?: number;
  /** Upper bound of one backoff delay, also caps a server's Retry-After (default 20 s). */
  retryMaxDelayMs?: number;
}

/**
 * Embeds any number of texts: splits them into batches of `embedder.maxInputsPerCall`, runs up to
 * `concurrency` batches at once when `embedder.supportsParallelCalls`, retries retryable PropoErrors with
 * exponential backoff (honouring `details.retryAfterMs` when an adapter supplies it), reports progress
 * after each batch and rejects with PROPO_ERR_ABORTED once `signal` aborts. Output order equals input order.
 */
export async function embedMany(embedder: Embedder, texts: readonly string[], options: EmbedManyOptions = {}): Promise<Float32Array[]> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const batchSize = Math.max(1, Math.floor(embedder.maxInputsPerCall));
  const batches: { start: number; texts: string[] }[] = [];
  for (let start = 0; start < texts.length; start += batchSize) batches.push({ start, texts: texts.slice(start, start + batchSize) });
  const results = new Array<Float32Array>(texts.length);
  const concurrency = embedder.supportsParallelCalls ? Math.max(1, Math.floor(options.concurrency ?? 4)) : 1;

  // A failing batch stops the others from starting new work; in-flight calls see the abort too.
  const stop = new AbortController();
  const linked = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
  let next = 0;
  let done = 0;

  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      throwIfAborted(signal);
      if (stop.signal.aborted) return;
      const batch = batches[next++];
      if (batch === undefined) return;
      const vectors = await embedWithRetry(embedder, batch.texts, linked, options);
      vectors.forEach((vector, offset) => {
        results[batch.start + offset] = vector;
      });
      done += batch.texts.length;
      onProgress?.({ done, total: texts.length });
    }
  };

  const workers = Array.from({ length: Math.min(concurrency, batches.length) }, () => worker());
  try {
    await Promise.all(workers.map((running) => running.catch((error: unknown) => {
      stop.abort(error);
      throw error;
    })));
  } catch (error) {
    // Let the other workers settle so no call outlives embedMany, then report the caller's abort first.
    await Promise.allSettled(workers);
    throwIfAborted(signal);
    throw error;
  }
  return results;
}

async function embedWithRetry(embedder: Embedder, texts: string[], signal: AbortSignal, options: EmbedManyOptions): Promise<Float32Array[]> {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelay = options.retryBaseDelayMs ?? 250;
  const maxDelay = options.retryMaxDelayMs ?? 20_000;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(signal);
    try {
      const vectors = await embedder.embed(texts, { signal });
      if (vectors.length !== texts.length) {
        throw new PropoError('PROPO_ERR_INTERNAL', `Embedder ${embedder.name} returned ${vectors.length} vectors for ${texts.length} texts. This is a bug in the adapter.`);
      }
      return vectors;
    } catch (error) {
      throwIfAborted(signal);
      if (!isPropoError(error) || !error.isRetryable || attempt >= maxRetries) throw error;
      const retryAfter = error.details?.['retryAfterMs'];
      const backoff = baseDelay * 2 ** attempt * (0.5 + Math.random() / 2);
      const delay = Math.min(maxDelay, typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : backoff);
      await abortableSleep(delay, signal);
    }
  }
}
