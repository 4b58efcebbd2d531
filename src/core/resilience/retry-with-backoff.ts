/**
 * Retries an async operation with exponential backoff and jitter. The one retry loop of Propo:
 * adapters decide *whether* and *how long* (e.g. honouring Retry-After) through `retryDelay`,
 * this module owns counting, waiting and cancellation.
 */
import { isPropoError } from '../errors/index.ts';
import { abortableSleep } from './abortable-sleep.ts';

export interface RetryOptions {
  /** Retries after the first attempt (0 = try once). */
  maxRetries: number;
  /** Backoff of the first retry before jitter; doubles each retry. Default 250 ms. */
  baseMs?: number;
  /** Cap on one backoff wait. Default 8000 ms. */
  maxMs?: number;
  /** Aborting stops waiting and rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Decides about a failed attempt: the wait in ms before retrying, or false to give up and rethrow.
   * `backoffMs` is the jittered exponential backoff for this retry. Default: retry errors whose
   * `isRetryable` is true (PropoErrors) after `backoffMs`.
   */
  retryDelay?: (error: unknown, retry: number, backoffMs: number) => number | false;
  /** Called before each wait (logging, metrics). */
  onRetry?: (info: { error: unknown; retry: number; delayMs: number }) => void;
  /** Source of randomness for jitter, injectable for tests. Default Math.random. */
  random?: () => number;
}

/**
 * "Equal jitter" backoff for retry number `retry` (1-based): half of the exponential step fixed,
 * half random, so waits grow but concurrent clients spread out.
 */
export function backoffDelay(retry: number, baseMs = 250, maxMs = 8000, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

function defaultRetryDelay(error: unknown, _retry: number, backoffMs: number): number | false {
  return isPropoError(error) && error.isRetryable ? backoffMs : false;
}

/** Runs `operation(attempt)` (attempt is 0-based) until it resolves or the retry budget is spent. */
export async function retryWithBackoff<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const decide = options.retryDelay ?? defaultRetryDelay;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.signal?.aborted || attempt >= options.maxRetries) throw error;
      const retry = attempt + 1;
      const delayMs = decide(error, retry, backoffDelay(retry, options.baseMs, options.maxMs, options.random));
      if (delayMs === false) throw error;
      options.onRetry?.({ error, retry, delayMs });
      await abortableSleep(delayMs, options.signal);
    }
  }
}
