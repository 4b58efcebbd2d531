/**
 * LlmProvider for any server speaking the OpenAI chat completions wire format (OpenAI, OpenRouter,
 * Ollama, llama.cpp, vLLM, LM Studio), over plain `fetch` + SSE. No vendor SDK.
 *
 * Resilience: errors before the stream starts (HTTP 429/5xx, network) are retried with backoff,
 * honouring Retry-After; nothing is retried once a delta was yielded. A circuit breaker shared by
 * all calls of one provider stops hammering a failing server. Time limits: `firstTokenTimeoutMs`
 * per attempt until the first data chunk, `timeoutMs` for the whole call including retries.
 */
import { PropoError, isPropoError } from '../../../core/errors/index.ts';
import type { LlmEvent, LlmProvider, LlmRequest } from '../../../core/ports/index.ts';
import { contextTokensFor, estimateMessagesTokens } from '../../../core/cost/index.ts';
import {
  createCircuitBreaker, createLinkedAbort, parseSse, retryWithBackoff,
  type CircuitBreaker, type CircuitBreakerOptions, type LinkedAbort,
} from '../../../core/resilience/index.ts';
import { chatRequestBody } from './chat-request-body.ts';
import { errorFromResponse } from './http-error.ts';
import { readChatStream, singleEvent } from './read-chat-stream.ts';

export interface OpenAiCompatibleLlmOptions {
  /** Base URL ending in `/v1`, e.g. http://localhost:11434/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  /** Provider name in errors, logs and `LlmProvider.name`. Default `openai-compatible`. */
  name?: string;
  /** Extra request headers (e.g. OpenRouter's HTTP-Referer and X-Title). */
  headers?: Record<string, string>;
  /** Extra body fields merged into every chat request. */
  extraBody?: Record<string, unknown>;
  /** Limit for the whole call, retries included. */
  timeoutMs: number;
  /** Limit per attempt from sending the request to the first data chunk. */
  firstTokenTimeoutMs: number;
  /** Retries of errors before the stream (429, 5xx, network). */
  maxRetries: number;
  /** First backoff step in ms (default 500). */
  retryBaseMs?: number;
  /** Cap of one backoff wait in ms (default 8000). */
  retryMaxMs?: number;
  /** A shared breaker, or options for this provider's own (default 5 failures, 30 s cooldown). */
  breaker?: CircuitBreaker | CircuitBreakerOptions;
  /** Context window; default from the model table in core/cost, else 8192. */
  maxContextTokens?: number;
  temperature?: number;
  maxTokens?: number;
  /** Time limit of `ping()` (default 5000 ms). */
  pingTimeoutMs?: number;
}

function isBreaker(value: CircuitBreaker | CircuitBreakerOptions | undefined): value is CircuitBreaker {
  return typeof value === 'object' && typeof (value as Partial<CircuitBreaker>).acquire === 'function';
}

/** The reason our own signal carries wins over whatever `fetch` threw (AbortError, "terminated"...). */
function classify(error: unknown, signal: AbortSignal | undefined, provider: string, partial: boolean): PropoError {
  if (signal?.aborted && isPropoError(signal.reason)) return signal.reason;
  if (isPropoError(error)) return error;
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  const what = partial ? 'dropped the connection mid-answer' : 'could not be reached';
  return new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `${provider} ${what} (${message}). Check that the server is running and the base URL is right, then ask again.`, { cause: error, details: { provider, partial } });
}

export function createOpenAiCompatibleLlm(options: OpenAiCompatibleLlmOptions): LlmProvider {
  const name = options.name ?? 'openai-compatible';
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const breaker = isBreaker(options.breaker) ? options.breaker : createCircuitBreaker({ name: `llm:${name}`, ...options.breaker });
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  async function openOnce(body: string, signal: AbortSignal): Promise<Response> {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'text/event-stream' },
      body,
      signal,
    });
    if (!response.ok) throw await errorFromResponse(response, name);
    if (!response.body) throw new PropoError('PROPO_ERR_LLM_BAD_RESPONSE', `${name} answered without a body. Check the base URL.`);
    return response;
  }

  async function* stream(request: LlmRequest): AsyncGenerator<LlmEvent> {
    breaker.acquire();
    const deadline = Date.now() + options.timeoutMs;
    const call = createLinkedAbort({
      parent: request.signal,
      timeoutMs: options.timeoutMs,
      timeoutError: () => new PropoError('PROPO_ERR_TIMEOUT', `${name} did not finish within ${options.timeoutMs} ms. Try again, shorten the question, or raise llm.timeoutMs.`, { details: { provider: name, limit: 'total' } }),
    });
    const body = JSON.stringify(chatRequestBody(request, { model: options.model, temperature: options.temperature, maxTokens: options.maxTokens, extraBody: options.extraBody }));
    let attempt: LinkedAbort | undefined;
    let deltas = 0;
    let settled = false;
    try {
      const response = await retryWithBackoff(async () => {
        attempt?.dispose();
        attempt = createLinkedAbort({
          parent: call.signal,
          timeoutMs: options.firstTokenTimeoutMs,
          timeoutError: () => new PropoError('PROPO_ERR_TIMEOUT', `${name} sent no first token within ${options.firstTokenTimeoutMs} ms. Try again or raise llm.firstTokenTimeoutMs.`, { details: { provider: name, limit: 'first-token' } }),
        });
        try {
          return await openOnce(body, attempt.signal);
        } catch (error) {
          throw classify(error, attempt.signal, name, false);
        }
      }, {
        maxRetries: options.maxRetries,
        baseMs: options.retryBaseMs ?? 500,
        maxMs: options.retryMaxMs ?? 8000,
        signal: call.signal,
        retryDelay: (error, _retry, backoffMs) => {
          if (!isPropoError(error) || !error.isRetryable) return false;
          if (error.code !== 'PROPO_ERR_LLM_RATE_LIMITED' && error.code !== 'PROPO_ERR_LLM_UNAVAILABLE') return false;
          const retryAfterMs = error.details?.retryAfterMs;
          const wait = typeof retryAfterMs === 'number' ? retryAfterMs : backoffMs;
          return Date.now() + wait < deadline ? wait : false;
        },
      });
      const current = attempt;
      const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
      const events = isJson ? singleEvent(await response.text()) : parseSse(response.body as ReadableStream<Uint8Array>);
      const llmEvents = readChatStream(events, {
        provider: name,
        promptTokensEstimate: estimateMessagesTokens(request.messages),
        onFirstData: () => current?.clearTimer(),
      });
      for await (const event of llmEvents) {
        if (event.type === 'answer-delta') deltas += 1;
        yield event;
      }
      settled = true;
      breaker.recordSuccess();
    } catch (error) {
      const typed = classify(error, attempt?.signal ?? call.signal, name, deltas > 0);
      settled = true;
      breaker.recordFailure(typed);
      throw typed;
    } finally {
      // Reached without a verdict when the consumer stopped reading early: close the connection.
      if (!settled) breaker.release();
      attempt?.dispose();
      call.dispose();
    }
  }

  async function ping(signal?: AbortSignal): Promise<boolean> {
    const limit = createLinkedAbort({ parent: signal, timeoutMs: options.pingTimeoutMs ?? 5000 });
    try {
      const response = await fetch(`${baseUrl}/models`, { headers, signal: limit.signal });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    } finally {
      limit.dispose();
    }
  }

  return {
    name,
    model: options.model,
    maxContextTokens: options.maxContextTokens ?? contextTokensFor(options.model) ?? 8192,
    stream,
    ping,
  };
}
