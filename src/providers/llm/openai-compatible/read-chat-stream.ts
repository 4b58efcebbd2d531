/**
 * Turns the SSE events of an OpenAI-compatible chat stream into Propo LLM events: one
 * `answer-delta` per non-empty content delta, then one `usage` event (reported, or estimated
 * when the server sends none). Error chunks, malformed JSON and a stream that ends before
 * `[DONE]` or a finish reason become typed errors, after the deltas already yielded.
 */
import { PropoError } from '../../../core/errors/index.ts';
import type { LlmEvent, LlmUsage } from '../../../core/ports/index.ts';
import { estimateTokens } from '../../../core/cost/index.ts';
import type { SseEvent } from '../../../core/resilience/index.ts';
import { providerMessage } from './http-error.ts';

export interface ReadChatStreamOptions {
  provider: string;
  /** Estimated prompt tokens, used when the server reports no usage. */
  promptTokensEstimate: number;
  /** Called on the first data event (any chunk means the model is responding). */
  onFirstData?: () => void;
}

interface WireChunk {
  model?: unknown;
  error?: unknown;
  object?: unknown;
  choices?: { delta?: { content?: unknown }; message?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; cost?: unknown } | null;
}

function streamError(payload: unknown, provider: string, deltas: number): PropoError {
  const errorField = (payload as { error?: unknown }).error;
  const code = typeof errorField === 'object' && errorField !== null ? (errorField as { code?: unknown }).code : undefined;
  const message = providerMessage(payload) || 'no message';
  const details = { provider, providerCode: code, partial: deltas > 0, deltasEmitted: deltas };
  if (code === 429 || code === 'rate_limit_exceeded') {
    return new PropoError('PROPO_ERR_LLM_RATE_LIMITED', `${provider} hit a rate limit mid-answer (${message}). Retry in a little while.`, { details });
  }
  if (code === 401 || code === 403) {
    return new PropoError('PROPO_ERR_LLM_AUTH', `${provider} refused the key mid-answer (${message}). Check the API key.`, { details });
  }
  return new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `${provider} failed mid-answer (${message}); the partial answer is incomplete. Ask again.`, { details });
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads a whole stream; `events` is usually `parseSse(response.body)`. */
export async function* readChatStream(events: AsyncIterable<SseEvent>, options: ReadChatStreamOptions): AsyncGenerator<LlmEvent> {
  const { provider } = options;
  let completion = '';
  let deltas = 0;
  let model: string | undefined;
  let usage: LlmUsage | undefined;
  let finished = false;
  let done = false;
  let sawData = false;

  for await (const event of events) {
    if (event.data === '[DONE]') {
      done = true;
      break;
    }
    if (!sawData) {
      sawData = true;
      options.onFirstData?.();
    }
    let parsed: WireChunk;
    try {
      parsed = JSON.parse(event.data) as WireChunk;
    } catch (error) {
      throw new PropoError('PROPO_ERR_LLM_BAD_RESPONSE', `${provider} sent a stream chunk that is not JSON (${event.data.slice(0, 80)}). Check that the base URL points at an OpenAI-compatible /v1 endpoint.`, { cause: error, details: { provider, partial: deltas > 0 } });
    }
    if (typeof parsed !== 'object' || parsed === null) {
      throw new PropoError('PROPO_ERR_LLM_BAD_RESPONSE', `${provider} sent a stream chunk that is not an object. Check the base URL.`, { details: { provider } });
    }
    if (parsed.error !== undefined || parsed.object === 'error') throw streamError(parsed, provider, deltas);
    if (typeof parsed.model === 'string' && parsed.model !== '') model = parsed.model;
    const choice = Array.isArray(parsed.choices) ? parsed.choices[0] : undefined;
    const content = choice?.delta?.content ?? choice?.message?.content;
    if (typeof content === 'string' && content !== '') {
      completion += content;
      deltas += 1;
      yield { type: 'answer-delta', text: content };
    }
    if (choice?.finish_reason === 'error') throw streamError(parsed, provider, deltas);
    if (typeof choice?.finish_reason === 'string') finished = true;
    if (parsed.usage) {
      const promptTokens = num(parsed.usage.prompt_tokens);
      const completionTokens = num(parsed.usage.completion_tokens);
      if (promptTokens !== undefined && completionTokens !== undefined) {
        usage = { promptTokens, completionTokens, estimated: false };
        const cost = num(parsed.usage.cost);
        if (cost !== undefined) usage.costUsd = cost;
      }
    }
  }
  if (!done && !finished) {
    throw new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `${provider} closed the stream before the answer was complete. Ask again.`, { details: { provider, partial: deltas > 0, deltasEmitted: deltas } });
  }
  const reported = usage ?? { promptTokens: options.promptTokensEstimate, completionTokens: estimateTokens(completion), estimated: true };
  yield model === undefined ? { type: 'usage', usage: reported } : { type: 'usage', usage: reported, model };
}

/** Wraps a non-streaming `chat.completion` JSON body (servers that ignore `stream: true`) as one event. */
export async function* singleEvent(payload: string): AsyncGenerator<SseEvent> {
  yield { event: 'message', data: payload };
  yield { event: 'message', data: '[DONE]' };
}
