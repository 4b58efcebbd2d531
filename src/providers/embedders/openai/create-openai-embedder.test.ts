import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embedMany } from '../../../core/embed/index.ts';
import { isPropoError, type ErrorCode } from '../../../core/errors/index.ts';
import { startOpenAiEmbeddingsServer, type OpenAiEmbeddingsServer } from '../../../testing/openai-embeddings-server.ts';
import { createHashEmbedder } from '../hash/index.ts';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './create-openai-embedder.ts';
import { retryAfterMs } from './openai-error.ts';

const hasCode = (code: ErrorCode, retryable?: boolean) => (error: unknown): boolean =>
  isPropoError(error) && error.code === code && (retryable === undefined || error.isRetryable === retryable);

void describe('createOpenAiEmbedder against a local OpenAI wire-format server', () => {
  let server: OpenAiEmbeddingsServer;
  const make = (overrides: Partial<OpenAiEmbedderOptions> = {}) =>
    createOpenAiEmbedder({ baseUrl: server.baseUrl, apiKey: 'sk-test', model: 'text-embedding-3-small', dimensions: 128, ...overrides });

  before(async () => {
    server = await startOpenAiEmbeddingsServer({ apiKey: 'sk-test', reverseOrder: true });
  });
  after(async () => {
    await server.close();
  });

  void it('sends the documented request and orders vectors by index', async () => {
    server.setMode('ok');
    server.requests.length = 0;
    const embedder = make();
    assert.equal(embedder.name, 'openai:text-embedding-3-small:128');
    const vectors = await embedder.embed(['first text', '', 'third text']);
    const request = server.requests[0];
    assert.equal(request?.authorization, 'Bearer sk-test');
    assert.deepEqual(request?.body, { model: 'text-embedding-3-small', input: ['first text', ' ', 'third text'], encoding_format: 'float', dimensions: 128 });
    // The server answers in reverse order; the adapter must follow `index`.
    assert.deepEqual(vectors, await createHashEmbedder({ dimensions: 128 }).embed(['first text', ' ', 'third text']));
  });

  void it('does not send dimensions for models that do not take it, and checks the vector length', async () => {
    server.requests.length = 0;
    await assert.rejects(make({ model: 'nomic-embed-text', dimensions: 768 }).embed(['x']), hasCode('PROPO_ERR_EMBEDDER_UNAVAILABLE', false));
    assert.equal(server.requests[0]?.body.dimensions, undefined);
    const [vector] = await make({ model: 'nomic-embed-text', dimensions: 1536 }).embed(['x']);
    assert.equal(vector?.length, 1536);
  });

  void it('maps a refused key to PROPO_ERR_EMBEDDER_UNAVAILABLE that is not retried', async () => {
    await assert.rejects(make({ apiKey: 'sk-wrong' }).embed(['x']), (error) => {
      assert.ok(hasCode('PROPO_ERR_EMBEDDER_UNAVAILABLE', false)(error));
      assert.match((error as Error).message, /refused the API key/);
      return true;
    });
  });

  void it('retries a 429 after the server-given delay, then succeeds', async () => {
    server.setMode('rate-limit-once');
    server.requests.length = 0;
    const vectors = await embedMany(make(), ['a', 'b', 'c'], { retryBaseDelayMs: 10_000 });
    assert.equal(vectors.length, 3);
    assert.equal(server.requests.length, 2);
  });

  void it('treats 500 as retryable and gives up after maxRetries', async () => {
    server.setMode('server-error');
    server.requests.length = 0;
    await assert.rejects(embedMany(make(), ['a'], { maxRetries: 2, retryBaseDelayMs: 1 }), hasCode('PROPO_ERR_EMBEDDER_UNAVAILABLE', true));
    assert.equal(server.requests.length, 3);
    server.setMode('ok');
  });

  void it('rejects a response without embeddings', async () => {
    server.setMode('malformed');
    await assert.rejects(make().embed(['a']), hasCode('PROPO_ERR_EMBEDDER_UNAVAILABLE', false));
    server.setMode('ok');
  });

  void it('truncates very long inputs before sending', async () => {
    server.requests.length = 0;
    await make({ maxInputChars: 100 }).embed(['y'.repeat(5_000)]);
    assert.deepEqual(server.requests[0]?.body.input, ['y'.repeat(100)]);
  });

  void it('reports an unreachable server, a timeout and an abort with their own codes', async () => {
    await assert.rejects(make({ baseUrl: 'http://127.0.0.1:9/v1' }).embed(['a']), hasCode('PROPO_ERR_EMBEDDER_UNAVAILABLE', true));
    const slow = await startOpenAiEmbeddingsServer({ delayMs: 300 });
    try {
      const embedder = createOpenAiEmbedder({ baseUrl: slow.baseUrl, model: 'm', dimensions: 1536, timeoutMs: 50 });
      await assert.rejects(embedder.embed(['a']), hasCode('PROPO_ERR_TIMEOUT', true));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      await assert.rejects(createOpenAiEmbedder({ baseUrl: slow.baseUrl, model: 'm', dimensions: 1536 }).embed(['a'], { signal: controller.signal }), hasCode('PROPO_ERR_ABORTED'));
    } finally {
      await slow.close();
    }
  });
});

void describe('retryAfterMs', () => {
  void it('prefers retry-after-ms, then Retry-After seconds or date', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '20', 'retry-after': '1' })), 20);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' })), 2000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000), 6_000);
    assert.equal(retryAfterMs(new Headers()), undefined);
  });
});
