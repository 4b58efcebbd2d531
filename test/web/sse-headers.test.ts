/**
 * SSE answers over a real socket send their status and headers when the stream opens, before the answer is
 * computed: a client (browser, proxy, SDK) sees the stream start while retrieval runs (a cold first search at
 * 100k+ propositions takes seconds). No timing: the answer is held until the headers have arrived.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../src/app/http/index.ts';
import { createTempApp } from '../../src/testing/temp-app.ts';

void test('/api/chat and /v1/chat/completions send their headers before the answer is ready', { timeout: 120_000 }, async () => {
  const { app, cleanup } = await createTempApp({ LLM_PROVIDER: 'none' }, { 'server.port': 0, 'server.metricsPort': 0 });
  await app.ingest({ fileName: 'note.md', bytes: Buffer.from('# Lab notes\n\nThe quorbix fennelwort protocol requires three cold rinses.\n') });
  let release = (): void => undefined;
  const ask = app.ask.bind(app);
  app.ask = async (...args: Parameters<typeof app.ask>) => {
    await new Promise<void>((resolve) => { release = resolve; });
    return ask(...args);
  };
  const server = await startServer(app, { handleSignals: false });
  try {
    const question = 'What does the quorbix fennelwort protocol require?';
    const requests: Array<[string, unknown]> = [
      ['/api/chat', { question }],
      ['/v1/chat/completions', { model: 'propo', stream: true, messages: [{ role: 'user', content: question }] }],
    ];
    for (const [path, body] of requests) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/u, path);
      // Reaching this line means the headers arrived while the answer was held (before the fix, fetch waited for it).
      release();
      const text = await response.text();
      assert.match(text, /note\.md:1:\d+-\d+/u, `${path}: the answer still streams with its citation`);
    }
  } finally {
    await server.stop();
    await cleanup();
  }
});
