import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenRouterLlm } from './create-openrouter-llm.ts';
import { fetchOpenRouterCredits } from './fetch-openrouter-credits.ts';
import { collect, runLlmProviderSuite } from '../run-llm-provider-suite.ts';
import { costUsd } from '../../../core/cost/index.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../../testing/scripted-llm-server.ts';
import type { PropoError } from '../../../core/errors/index.ts';

runLlmProviderSuite('openrouter', {
  create: (options) => createOpenRouterLlm({
    apiKey: 'sk-or-v1-test', referer: 'https://propo.local', title: 'Propo tests',
    timeoutMs: 5000, firstTokenTimeoutMs: 2000, maxRetries: 2, retryBaseMs: 10, retryMaxMs: 50, ...options,
  }),
});

void describe('OpenRouter preset', () => {
  const servers: ScriptedLlmServer[] = [];
  after(async () => { await Promise.all(servers.map((s) => s.close())); });
  const serve = async (options: Parameters<typeof startScriptedLlmServer>[0]): Promise<ScriptedLlmServer> => {
    const server = await startScriptedLlmServer(options);
    servers.push(server);
    return server;
  };
  const messages = [{ role: 'user' as const, content: 'Hello' }];

  void it('sends attribution headers, the key and usage accounting; reports usage.cost and the routed model', async () => {
    const server = await serve({ script: { text: 'Hi there.', usage: { prompt_tokens: 12, completion_tokens: 3, cost: 0.00042 } } });
    const provider = createOpenRouterLlm({ apiKey: 'sk-or-v1-abc', baseUrl: server.url, referer: 'https://propo.local', title: 'Propo', timeoutMs: 5000, firstTokenTimeoutMs: 2000, maxRetries: 0 });
    assert.equal(provider.name, 'openrouter');
    assert.equal(provider.model, 'openrouter/auto');
    const result = await collect(provider.stream({ messages }));
    assert.equal(result.text, 'Hi there.');
    assert.deepEqual(result.usage, { promptTokens: 12, completionTokens: 3, costUsd: 0.00042, estimated: false });
    assert.equal(result.model, 'openai/gpt-4o-mini');
    const request = server.chatRequests()[0];
    assert.equal(request?.headers['http-referer'], 'https://propo.local');
    assert.equal(request?.headers['x-title'], 'Propo');
    assert.equal(request?.headers.authorization, 'Bearer sk-or-v1-abc');
    const body = request?.body as Record<string, unknown>;
    assert.deepEqual(body.usage, { include: true });
    assert.equal(body.model, 'openrouter/auto');
    assert.deepEqual(costUsd(result.usage ?? { promptTokens: 0, completionTokens: 0, estimated: true }, result.model ?? ''), { usd: 0.00042, source: 'provider', estimated: false });
  });

  void it('percent-encodes a non-ASCII title instead of failing the request', async () => {
    const server = await serve({ script: { text: 'ok' } });
    const provider = createOpenRouterLlm({ apiKey: 'k', baseUrl: server.url, title: 'Propø', timeoutMs: 5000, firstTokenTimeoutMs: 2000, maxRetries: 0 });
    assert.equal((await collect(provider.stream({ messages }))).text, 'ok');
    assert.equal(server.chatRequests()[0]?.headers['x-title'], encodeURIComponent('Propø'));
  });

  void it('reads credits from /credits', async () => {
    const server = await serve({ script: { text: '' }, credits: { total_credits: 20, total_usage: 4.5 } });
    const credits = await fetchOpenRouterCredits({ apiKey: 'sk-or-v1-mgmt', baseUrl: server.url });
    assert.deepEqual(credits, { totalCredits: 20, totalUsage: 4.5, remaining: 15.5, source: 'credits' });
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer sk-or-v1-mgmt');
  });

  void it('falls back to /key limit_remaining when /credits needs a management key', async () => {
    const server = await serve({ script: { text: '' }, credits: null, key: { limit: 10, usage: 2.25, limit_remaining: 7.75 } });
    const credits = await fetchOpenRouterCredits({ apiKey: 'k', baseUrl: server.url });
    assert.deepEqual(credits, { totalCredits: 10, totalUsage: 2.25, remaining: 7.75, source: 'key' });
    assert.deepEqual(server.requests.map((r) => r.path), ['/v1/credits', '/v1/key']);
  });

  void it('reports an unreachable OpenRouter as PROPO_ERR_LLM_UNAVAILABLE', async () => {
    const server = await serve({ script: { text: '' } });
    await server.close();
    await assert.rejects(fetchOpenRouterCredits({ apiKey: 'k', baseUrl: server.url }), (error: PropoError) => error.code === 'PROPO_ERR_LLM_UNAVAILABLE');
  });
});
