/**
 * Maps an HTTP error response of an OpenAI-compatible server to a PropoError, reading the
 * provider's message from the error shapes in use: OpenAI/OpenRouter `{ error: { message, code } }`,
 * vLLM `{ object: 'error', message }`, Ollama `{ error: '...' }`, or plain text.
 */
import { PropoError } from '../../../core/errors/index.ts';
import { parseRetryAfter } from '../../../core/resilience/index.ts';

const MAX_MESSAGE = 300;

/** The human message inside a provider error payload (already parsed JSON or raw text). */
export function providerMessage(payload: unknown): string {
  if (typeof payload === 'string') return payload.slice(0, MAX_MESSAGE);
  if (typeof payload !== 'object' || payload === null) return '';
  const record = payload as Record<string, unknown>;
  const inner = record.error ?? record;
  if (typeof inner === 'string') return inner.slice(0, MAX_MESSAGE);
  if (typeof inner === 'object' && inner !== null) {
    const message = (inner as Record<string, unknown>).message;
    if (typeof message === 'string') return message.slice(0, MAX_MESSAGE);
  }
  return '';
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.trim();
  }
}

/** Reads the body of a non-2xx response and builds the matching error. */
export async function errorFromResponse(response: Response, provider: string): Promise<PropoError> {
  const text = await response.text().catch(() => '');
  const message = providerMessage(parseBody(text));
  const status = response.status;
  const said = message ? `: ${message}` : '';
  const details: Record<string, unknown> = { status, provider };

  if (status === 401 || status === 403) {
    return new PropoError('PROPO_ERR_LLM_AUTH', `${provider} refused the request (HTTP ${status}${said}). Check the API key (OPENROUTER_API_KEY or LLM_API_KEY) and its permissions.`, { details });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfterMs !== null) {
      details.retryAfterMs = retryAfterMs;
      details.retryAfter = Math.ceil(retryAfterMs / 1000);
    }
    const when = retryAfterMs !== null ? `Retry after ${Math.ceil(retryAfterMs / 1000)} s` : 'Retry in a little while';
    return new PropoError('PROPO_ERR_LLM_RATE_LIMITED', `${provider} is rate limiting requests (HTTP 429${said}). ${when}.`, { details });
  }
  if (status === 402) {
    return new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `${provider} says the account is out of credits (HTTP 402${said}). Add credits or use a free model.`, { details, retryable: false });
  }
  if (status >= 500 || status === 408) {
    return new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `${provider} failed (HTTP ${status}${said}). Try again shortly or choose another model.`, { details });
  }
  return new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `${provider} rejected the request (HTTP ${status}${said}). Check the model name and LLM settings.`, { details, retryable: false });
}
