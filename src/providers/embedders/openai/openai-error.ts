/** Maps an HTTP error answer of an OpenAI-compatible embeddings server to a PropoError. */
import { PropoError } from '../../../core/errors/index.ts';

/** The server's own `{error:{message}}` text, if it sent one (never includes request data or keys). */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message.slice(0, 300);
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 200);
}

/** Milliseconds to wait from `retry-after-ms` (OpenAI) or `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * 401/403 → PROPO_ERR_EMBEDDER_UNAVAILABLE (key refused, not retryable); 429, 408, 409 and 5xx → retryable
 * PROPO_ERR_EMBEDDER_UNAVAILABLE carrying `details.retryAfterMs` when the server sent one; other 4xx → not retryable.
 */
export function errorForStatus(status: number, body: string, headers: Headers, url: string): PropoError {
  const said = serverMessage(body);
  if (status === 401 || status === 403) {
    return new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `The embeddings server at ${url} refused the API key (HTTP ${status}: ${said}). Check EMBED_API_KEY.`, { retryable: false, details: { status } });
  }
  if (status === 429 || status === 408 || status === 409 || status >= 500) {
    const wait = retryAfterMs(headers);
    return new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `The embeddings server at ${url} answered HTTP ${status} (${said}). It will be retried.`, {
      retryable: true,
      details: { status, ...(wait === undefined ? {} : { retryAfterMs: wait }) },
    });
  }
  return new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `The embeddings server at ${url} rejected the request (HTTP ${status}: ${said}). Check EMBED_MODEL and embedder.dimensions.`, { retryable: false, details: { status } });
}
