import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { startScriptedLlmServer, type ScriptedLlmServerOptions, type ScriptedLlmServer } from './scripted-llm-server.ts';

const servers: ScriptedLlmServer[] = [];
after(async () => { await Promise.all(servers.map((s) => s.close())); });
async function serve(options: ScriptedLlmServerOptions): Promise<ScriptedLlmServer> {
  const server = await startScriptedLlmServer(options);
  servers.push(server);
  return server;
}

function post(server: ScriptedLlmServer, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: JSON.stringify(body) });
}

/** The `data:` payloads of an SSE body, and its comment lines. */
async function sse(response: Response): Promise<{ data: string[]; comments: string[] }> {
  const text = await response.text();
  const lines = text.split('\n');
  return { data: lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)), comments: lines.filter((l) => l.startsWith(':')) };
}

const messages = [{ role: 'user', content: 'hello there' }];

void describe('startScriptedLlmServer', () => {
  void it('streams chat.completion.chunk objects, a finish chunk, a usage chunk when asked, then [DONE]', async () => {
    const server = await serve({ script: { chunks: ['Hel', 'lo'], usage: { prompt_tokens: 5, cost: 0.001 } } });
    const response = await post(server, { model: 'm1', messages, stream: true, stream_options: { include_usage: true } });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const { data } = await sse(response);
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { object: string; model: string; choices: { delta: { content?: string }; finish_reason: string | null }[]; usage?: Record<string, number> });
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'm1'));
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'Hello');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6, cost: 0.001 });
    const request = server.chatRequests()[0];
    assert.equal(request?.headers['x-test'], 'yes');
    assert.deepEqual((request?.body as { messages: unknown }).messages, messages);
  });

  void it('sends no usage chunk unless the request asks (OpenAI behaviour), and keepalive comments on demand', async () => {
    const server = await serve({ script: { text: 'a b', keepaliveComments: true } });
    const { data, comments } = await sse(await post(server, { model: 'm', messages, stream: true }));
    assert.ok(data.slice(0, -1).every((d) => !('usage' in (JSON.parse(d) as object))));
    assert.ok(comments.includes(': OPENROUTER PROCESSING'));
  });

  void it('answers non-streaming requests with one chat.completion', async () => {
    const server = await serve({ script: { text: '{"ok":true}' } });
    const body = await (await post(server, { model: 'openrouter/auto', messages })).json() as { object: string; model: string; choices: { message: { content: string } }[]; usage: { total_tokens: number } };
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.model, 'openai/gpt-4o-mini');
    assert.equal(body.choices[0]?.message.content, '{"ok":true}');
    assert.ok(body.usage.total_tokens > 0);
  });

  void it('plays a per-call sequence: 429 with Retry-After, then success; the last plan repeats', async () => {
    const server = await serve({ script: [{ status: 429, retryAfter: 1 }, { text: 'ok' }] });
    const first = await post(server, { model: 'm', messages });
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.deepEqual(await first.json(), { error: { code: 429, message: 'Scripted error 429' } });
    assert.equal((await post(server, { model: 'm', messages })).status, 200);
    assert.equal((await post(server, { model: 'm', messages })).status, 200);
    assert.deepEqual(server.chatRequests().map((r) => r.callIndex), [0, 1, 2]);
  });

  void it('lets a script function choose by request body', async () => {
    const server = await serve({ script: (body) => ({ text: body.response_format ? '{}' : 'prose' }) });
    const json = await (await post(server, { model: 'm', messages, response_format: { type: 'json_object' } })).json() as { choices: { message: { content: string } }[] };
    assert.equal(json.choices[0]?.message.content, '{}');
  });

  void it('sends an OpenRouter error chunk mid-stream', async () => {
    const server = await serve({ script: { chunks: ['a', 'b'], errorMidStreamAfter: 1 } });
    const { data } = await sse(await post(server, { model: 'm', messages, stream: true }));
    const last = JSON.parse(data.at(-1) ?? '{}') as { error?: { code: number }; choices: { finish_reason: string }[] };
    assert.equal(last.error?.code, 502);
    assert.equal(last.choices[0]?.finish_reason, 'error');
    assert.ok(!data.includes('[DONE]'));
  });

  void it('drops the connection mid-stream', async () => {
    const server = await serve({ script: { chunks: ['a', 'b'], dropConnectionAfter: 1 } });
    const response = await post(server, { model: 'm', messages, stream: true });
    await assert.rejects(response.text());
  });

  void it('records a client that hangs up early', async () => {
    const server = await serve({ script: { chunks: ['a', 'b', 'c'], delayBetweenMs: 200 } });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages, stream: true }), signal: controller.signal });
    assert.equal(response.status, 200);
    controller.abort();
    const record = server.chatRequests()[0];
    await record?.closed;
    assert.equal(record?.clientClosedEarly, true);
  });

  void it('serves /models, /credits, /key and 404s other routes', async () => {
    const server = await serve({ script: { text: '' }, models: ['a/b'], credits: { total_credits: 3, total_usage: 1 } });
    assert.deepEqual(((await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] }).data.map((m) => m.id), ['a/b']);
    assert.deepEqual(await (await fetch(`${server.url}/credits`)).json(), { data: { total_credits: 3, total_usage: 1 } });
    assert.equal(((await (await fetch(`${server.url}/key`)).json()) as { data: { limit: null } }).data.limit, null);
    assert.equal((await fetch(`${server.url}/embeddings`, { method: 'POST', body: '{}' })).status, 404);
  });
});
