/**
 * Reads the OpenRouter balance. `GET /credits` ({ data: { total_credits, total_usage } }) needs a
 * management key; with an ordinary key it answers 401/403, so we fall back to `GET /key`
 * ({ data: { limit, usage, limit_remaining } }), whose limit is null for keys without a cap.
 */
import { PropoError } from '../../../core/errors/index.ts';
import { createLinkedAbort } from '../../../core/resilience/index.ts';
import { errorFromResponse } from '../openai-compatible/http-error.ts';
import { OPENROUTER_BASE_URL } from './create-openrouter-llm.ts';

export interface OpenRouterCredits {
  /** Credits bought (USD), or the key's limit; null when the key has no limit. */
  totalCredits: number | null;
  totalUsage: number;
  /** What is left to spend; null when unlimited. */
  remaining: number | null;
  source: 'credits' | 'key';
}

export interface FetchOpenRouterCreditsOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  signal?: AbortSignal;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export async function fetchOpenRouterCredits(options: FetchOpenRouterCreditsOptions): Promise<OpenRouterCredits> {
  const baseUrl = (options.baseUrl ?? OPENROUTER_BASE_URL).replace(/\/+$/, '');
  const limit = createLinkedAbort({ parent: options.signal, timeoutMs: options.timeoutMs ?? 10_000 });
  const get = (path: string): Promise<Response> =>
    fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${options.apiKey}` }, signal: limit.signal });
  const bad = (what: string): PropoError =>
    new PropoError('PROPO_ERR_LLM_BAD_RESPONSE', `OpenRouter ${what} has an unexpected shape. Check OPENROUTER_BASE_URL.`);
  try {
    const credits = await get('/credits');
    if (credits.ok) {
      const data = ((await credits.json()) as { data?: { total_credits?: unknown; total_usage?: unknown } }).data;
      const total = numberOrNull(data?.total_credits);
      const used = numberOrNull(data?.total_usage);
      if (total === null || used === null) throw bad('/credits');
      return { totalCredits: total, totalUsage: used, remaining: total - used, source: 'credits' };
    }
    await credits.body?.cancel();
    if (![401, 403, 404].includes(credits.status)) throw await errorFromResponse(credits, 'openrouter');
    const key = await get('/key');
    if (!key.ok) throw await errorFromResponse(key, 'openrouter');
    const data = ((await key.json()) as { data?: { limit?: unknown; usage?: unknown; limit_remaining?: unknown } }).data;
    const used = numberOrNull(data?.usage);
    if (used === null) throw bad('/key');
    return { totalCredits: numberOrNull(data?.limit), totalUsage: used, remaining: numberOrNull(data?.limit_remaining), source: 'key' };
  } catch (error) {
    if (limit.signal.aborted && error instanceof Error && !(error instanceof PropoError) && limit.signal.reason instanceof PropoError) throw limit.signal.reason;
    if (error instanceof PropoError) throw error;
    throw new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `OpenRouter could not be reached (${(error as Error).message}). Check the network and OPENROUTER_BASE_URL.`, { cause: error });
  } finally {
    limit.dispose();
  }
}
