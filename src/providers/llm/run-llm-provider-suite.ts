/**
 * Conformance suite for LlmProviders that speak the OpenAI wire format, run against the scripted
 * local server. Every such adapter (generic OpenAI-compatible, OpenRouter preset) runs it.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { isPropoError, type PropoError } from '../../core/errors/index.ts';
import type { LlmEvent, LlmProvider, LlmRequest, LlmUsage } from '../../core/ports/index.ts';
import { estimateTokens } from '../../core/cost/index.ts';
import type { CircuitBreakerOptions } from '../../core/resilience/index.ts';
import { startScriptedLlmServer, type ChatScript, type ScriptedLlmServer } from '../../testing/scripted-llm-server.ts';

export interface SuiteProviderOptions {
  baseUrl: string;
  timeoutMs?: number;
  firstTokenTimeoutMs?: number;
  maxRetries?: number;
  breaker?: CircuitBreakerOptions;
}

export interface LlmProviderSuiteOptions {
  /** Builds the provider under test against the scripted server's `/v1` URL. */
  create(options: SuiteProviderOptions): LlmProvider;
}

export interface Collected {
  text: string;
  deltas: string[];
  usage: LlmUsage | undefined;
  model: string | undefined;
  error: PropoError | undefined;
}

/** Drains a stream, keeping what arrived before an error. */
export async function collect(stream: AsyncIterable<LlmEvent>): Promise<Collected> {
  const result: Collected = { text: '', deltas: [], usage: undefined, model: undefined, error: undefined };
  try {
    for await (const event of stream) {
      if (event.type === 'answer-delta') {
        result.deltas.push(event.text);
        result.text += event.text;
      } else {
        assert.equal(result.usage, undefined, 'exactly one usage event');
        result.usage = event.usage;
        result.model = event.model;
      }
    }
  } catch (error) {
    if (!isPropoError(error)) throw error;
    result.error = error;
  }
  return result;
}

const ask = (extra: Partial<LlmRequest> = {}): LlmRequest => ({
  messages: [{ role: 'system', content: 'Answer only from the sources.' }, { role: 'user', content: 'What is Propo?' }],
  ...extra,
});

export function runLlmProviderSuite(label: string, suite: LlmProviderSuiteOptions): void {
  void describe(`LlmProvider conformance: ${label}`, () => {
    const servers: ScriptedLlmServer[] = [];
    after(async () => { await Promise.all(servers.map((s) => s.close())); });
    const serve = async (script: ChatScript): Promise<ScriptedLlmServer> => {
      const server = await startScriptedLlmServer({ script });
      servers.push(server);
      return server;
    };
    const make = (server: ScriptedLlmServer, options: Partial<SuiteProviderOptions> = {}): LlmProvider =>
      suite.create({ baseUrl: server.url, timeoutMs: 5000, firstTokenTimeoutMs: 2000, maxRetries: 2, ...options });

    void it('streams deltas in order, then one usage event from the final usage chunk', async () => {
      const chunks = ['Propo ', 'answers ', 'from your ', 'documents [1].'];
      const server = await serve({ chunks, usage: { prompt_tokens: 42, completion_tokens: 7 }, delayBetweenMs: 5 });
      const result = await collect(make(server).stream(ask({ temperature: 0.2, maxTokens: 99 })));
      assert.equal(result.error, undefined);
      assert.deepEqual(result.deltas, chunks);
      assert.equal(result.usage?.promptTokens, 42);
      assert.equal(result.usage?.completionTokens, 7);
      assert.equal(result.usage?.estimated, false);
      const body = server.chatRequests()[0]?.body as Record<string, unknown>;
      assert.equal(body.stream, true);
      assert.deepEqual(body.stream_options, { include_usage: true });
      assert.equal(body.temperature, 0.2);
      assert.equal(body.max_tokens, 99);
      assert.deepEqual(body.messages, ask().messages);
      assert.equal(body.response_format, undefined);
    });

    void it('asks for a JSON object when responseFormat is json', async () => {
      const server = await serve({ text: '{"propositions":[]}' });
      const result = await collect(make(server).stream(ask({ responseFormat: 'json' })));
      assert.equal(result.text, '{"propositions":[]}');
      assert.deepEqual((server.chatRequests()[0]?.body as Record<string, unknown>).response_format, { type: 'json_object' });
    });

    void it('ignores SSE keepalive comments', async () => {
      const server = await serve({ chunks: ['a', 'b', 'c'], keepaliveComments: true, delayBetweenMs: 5 });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.error, undefined);
      assert.equal(result.text, 'abc');
    });

    void it('estimates usage, flagged, when the server sends none', async () => {
      const text = 'An answer of several words without a usage block.';
      const server = await serve({ text, omitUsage: true });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.text, text);
      assert.equal(result.usage?.estimated, true);
      assert.equal(result.usage?.completionTokens, estimateTokens(text));
      assert.ok((result.usage?.promptTokens ?? 0) > 0);
    });

    void it('accepts a server that answers a stream request with one JSON chat.completion', async () => {
      const server = await serve({ text: 'whole answer', ignoreStream: true, usage: { prompt_tokens: 9, completion_tokens: 2 } });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.error, undefined);
      assert.deepEqual(result.deltas, ['whole answer']);
      assert.equal(result.usage?.promptTokens, 9);
    });

    void it('maps 401 to PROPO_ERR_LLM_AUTH without retrying', async () => {
      const server = await serve({ status: 401, errorBody: { error: { code: 401, message: 'No auth credentials found' } } });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_AUTH');
      assert.equal(server.chatRequests().length, 1);
    });

    void it('retries a 500 and then succeeds', async () => {
      const server = await serve([{ status: 500 }, { text: 'second time lucky' }]);
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.error, undefined);
      assert.equal(result.text, 'second time lucky');
      assert.equal(server.chatRequests().length, 2);
    });

    void it('gives up on a 500 forever with PROPO_ERR_LLM_UNAVAILABLE after maxRetries', async () => {
      const server = await serve({ status: 503 });
      const result = await collect(make(server, { maxRetries: 2 }).stream(ask()));
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_UNAVAILABLE');
      assert.equal(server.chatRequests().length, 3);
    });

    void it('maps an unreachable server to PROPO_ERR_LLM_UNAVAILABLE', async () => {
      const server = await serve({ text: 'never' });
      await server.close();
      const result = await collect(make(server, { maxRetries: 1 }).stream(ask()));
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_UNAVAILABLE');
    });

    void it('throws a typed error after the partial deltas when an error chunk arrives mid-stream', async () => {
      const server = await serve({ chunks: ['one ', 'two ', 'three'], errorMidStreamAfter: 2 });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.text, 'one two ');
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_UNAVAILABLE');
      assert.equal(result.error?.details?.partial, true);
      assert.equal(result.usage, undefined);
      assert.equal(server.chatRequests().length, 1, 'no retry once deltas were emitted');
    });

    void it('throws a typed error after the partial deltas when the connection drops', async () => {
      const server = await serve({ chunks: ['one ', 'two ', 'three'], dropConnectionAfter: 1 });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.text, 'one ');
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_UNAVAILABLE');
      assert.equal(server.chatRequests().length, 1);
    });

    void it('maps a malformed JSON chunk to PROPO_ERR_LLM_BAD_RESPONSE', async () => {
      const server = await serve({ rawEvents: ['{"choices":[{"delta":{"content":"ok"}}]}', '{not json'] });
      const result = await collect(make(server).stream(ask()));
      assert.equal(result.text, 'ok');
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_BAD_RESPONSE');
    });

    void it('times out a slow first token (keepalives do not count) with PROPO_ERR_TIMEOUT', async () => {
      const server = await serve({ text: 'late', delayFirstTokenMs: 1500, keepaliveComments: true });
      const started = Date.now();
      const result = await collect(make(server, { firstTokenTimeoutMs: 150 }).stream(ask()));
      assert.equal(result.error?.code, 'PROPO_ERR_TIMEOUT');
      assert.equal(result.error?.details?.limit, 'first-token');
      assert.ok(Date.now() - started < 1200, 'gave up before the token arrived');
    });

    void it('times out the whole call with PROPO_ERR_TIMEOUT', async () => {
      const server = await serve({ chunks: ['a', 'b', 'c', 'd'], delayBetweenMs: 200 });
      const result = await collect(make(server, { timeoutMs: 300 }).stream(ask()));
      assert.equal(result.error?.code, 'PROPO_ERR_TIMEOUT');
      assert.equal(result.error?.details?.limit, 'total');
      assert.ok(result.deltas.length >= 1 && result.deltas.length < 4);
    });

    void it('waits for Retry-After on a 429, then succeeds', async () => {
      const server = await serve([{ status: 429, retryAfter: 1 }, { text: 'after the wait' }]);
      const started = Date.now();
      const result = await collect(make(server).stream(ask()));
      const elapsed = Date.now() - started;
      assert.equal(result.text, 'after the wait');
      assert.ok(elapsed >= 900, `waited ${elapsed} ms`);
      assert.equal(server.chatRequests().length, 2);
    });

    void it('reports PROPO_ERR_LLM_RATE_LIMITED with retryAfter once retries are spent', async () => {
      const server = await serve({ status: 429, retryAfter: 7 });
      const result = await collect(make(server, { maxRetries: 0 }).stream(ask()));
      assert.equal(result.error?.code, 'PROPO_ERR_LLM_RATE_LIMITED');
      assert.equal(result.error?.details?.retryAfter, 7);
    });

    void it('aborts mid-stream with PROPO_ERR_ABORTED and closes the connection', async () => {
      const server = await serve({ chunks: ['a', 'b', 'c', 'd', 'e'], delayBetweenMs: 100 });
      const controller = new AbortController();
      const seen: string[] = [];
      let caught: unknown;
      try {
        for await (const event of make(server).stream(ask({ signal: controller.signal }))) {
          if (event.type === 'answer-delta') seen.push(event.text);
          if (seen.length === 2) controller.abort();
        }
      } catch (error) {
        caught = error;
      }
      assert.ok(isPropoError(caught));
      assert.equal(caught.code, 'PROPO_ERR_ABORTED');
      assert.deepEqual(seen, ['a', 'b']);
      const record = server.chatRequests()[0];
      await record?.closed;
      assert.equal(record?.clientClosedEarly, true);
    });

    void it('closes the connection when the consumer stops reading early', async () => {
      const server = await serve({ chunks: ['a', 'b', 'c', 'd'], delayBetweenMs: 100 });
      for await (const event of make(server).stream(ask())) {
        if (event.type === 'answer-delta') break;
      }
      const record = server.chatRequests()[0];
      await record?.closed;
      assert.equal(record?.clientClosedEarly, true);
    });

    void it('opens the circuit after repeated failures and recovers after the cooldown', async () => {
      let healthy = false;
      const server = await serve(() => (healthy ? { text: 'back' } : { status: 500 }));
      const provider = make(server, { maxRetries: 0, breaker: { failureThreshold: 2, cooldownMs: 200 } });
      assert.equal((await collect(provider.stream(ask()))).error?.code, 'PROPO_ERR_LLM_UNAVAILABLE');
      assert.equal((await collect(provider.stream(ask()))).error?.code, 'PROPO_ERR_LLM_UNAVAILABLE');
      assert.equal((await collect(provider.stream(ask()))).error?.code, 'PROPO_ERR_CIRCUIT_OPEN');
      assert.equal(server.chatRequests().length, 2, 'an open circuit sends nothing');
      healthy = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
      assert.equal((await collect(provider.stream(ask()))).text, 'back');
      assert.equal((await collect(provider.stream(ask()))).text, 'back');
      assert.equal(server.chatRequests().length, 4);
    });

    void it('pings GET /models', async () => {
      const server = await serve({ text: 'x' });
      const provider = make(server);
      assert.equal(await provider.ping?.(), true);
      assert.equal(server.requests.at(-1)?.path, '/v1/models');
      await server.close();
      assert.equal(await provider.ping?.(), false);
    });
  });
}
