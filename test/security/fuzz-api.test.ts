/** Arbitrary JSON bodies on the public JSON APIs, through the full server: never a 500. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { makeTestApp, type TestApp } from './security-harness.ts';

const RUNS = process.env.PROPO_TEST_SIZE === 'large' ? 1000 : 60;
const ROUTES = ['/api/chat', '/api/auth/login', '/api/costs/calculator', '/v1/chat/completions'];

let t: TestApp;
let server: FastifyInstance;
before(async () => {
  t = await makeTestApp({}, { 'limits.chatPerMinute': 100_000, 'limits.loginPerMinute': 100_000, 'limits.maxConcurrentStreams': 1000 });
  server = await buildServer(t.app);
});
after(async () => {
  await server.close();
  await t.close();
});

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ question: fc.oneof(fc.string({ maxLength: 50 }), fc.jsonValue({ maxDepth: 1 })), sessionId: fc.option(fc.string({ maxLength: 10 })), k: fc.option(fc.jsonValue({ maxDepth: 0 })) }, { requiredKeys: [] }),
  fc.record({ username: fc.jsonValue({ maxDepth: 1 }), password: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
  fc.record({ messages: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'tool', ''), content: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 3 })), stream: fc.jsonValue({ maxDepth: 0 }), model: fc.jsonValue({ maxDepth: 0 }) }, { requiredKeys: [] }),
);

for (const url of ROUTES) {
  void test(`POST ${url} with arbitrary JSON never answers 5xx`, async () => {
    await fc.assert(fc.asyncProperty(body, async (payload) => {
      const response = await server.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      assert.ok(response.statusCode < 500, `${url} ${JSON.stringify(payload).slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 200)}`);
    }), { numRuns: RUNS });
  });
}

void test('regression (issue 6 fuzzing): content arrays with null parts are ignored, not a 500', async () => {
  const response = await server.inject({ method: 'POST', url: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ messages: [{ role: 'user', content: [null, ''] }] }) });
  assert.ok(response.statusCode < 500, response.body);
});
