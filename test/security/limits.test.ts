/** Login backoff/lockout, rate limits with real Retry-After timing, concurrent streams and the daily budget. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { ADMIN_PASS, AUTH_ENV, login, makeTestApp, sleep } from './security-harness.ts';
import { buildSecurityServer } from './security-server.ts';

const code = (response: LightMyRequestResponse) => response.json<{ error?: { code: string } }>().error?.code;

void test('failed logins back off exponentially, then lock the account (429 ACCOUNT_LOCKED with Retry-After)', async () => {
  const t = await makeTestApp(AUTH_ENV, { 'limits.loginPerMinute': 1000 });
  const { server } = await buildSecurityServer(t.app, { backoff: { freeFailures: 2, baseDelayMs: 400, maxDelayMs: 5000, lockAfter: 4, lockMs: 1500, resetMs: 60_000 } });
  try {
    const ip = '10.1.1.1';
    assert.equal((await login(server, 'admin', 'nope-1', ip)).response.statusCode, 401);
    assert.equal((await login(server, 'admin', 'nope-2', ip)).response.statusCode, 401);
    assert.equal((await login(server, 'admin', 'nope-3', ip)).response.statusCode, 401);
    // Third failure → 400 ms backoff: even the right password is refused until it passes.
    const blocked = (await login(server, 'admin', ADMIN_PASS, ip)).response;
    assert.equal(blocked.statusCode, 429);
    assert.equal(code(blocked), 'PROPO_ERR_RATE_LIMITED');
    assert.equal(blocked.headers['retry-after'], '1');
    await sleep(450);
    const locking = (await login(server, 'admin', 'nope-4', ip)).response;
    assert.equal(locking.statusCode, 429);
    assert.equal(code(locking), 'PROPO_ERR_ACCOUNT_LOCKED');
    assert.equal(locking.headers['retry-after'], '2');
    // Locked per account: another IP is refused too.
    const otherIp = (await login(server, 'admin', ADMIN_PASS, '10.9.9.9')).response;
    assert.equal(otherIp.statusCode, 429);
    assert.equal(code(otherIp), 'PROPO_ERR_ACCOUNT_LOCKED');
    const retryAfter = Number(otherIp.headers['retry-after']);
    const started = Date.now();
    await sleep(retryAfter * 1000);
    const ok = (await login(server, 'admin', ADMIN_PASS, '10.9.9.9')).response;
    assert.equal(ok.statusCode, 200, `after Retry-After (${retryAfter}s, waited ${Date.now() - started} ms)`);
    const log = t.app.config.logDir;
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${log}/security_audit.log`, 'utf8');
    assert.match(text, /"type":"ACCOUNT_LOCKED"/);
    assert.match(text, /"type":"AUTH_FAILURE"/);
    assert.match(text, /"type":"AUTH_SUCCESS"/);
  } finally {
    await server.close();
    await t.close();
  }
});

void test('chat rate limit: 429 with Retry-After, then 200 once that time has passed', async () => {
  const t = await makeTestApp({}, { 'limits.chatPerMinute': 3 });
  const { server } = await buildSecurityServer(t.app, { rateWindowMs: 1500 });
  try {
    const chat = () => server.inject({ method: 'POST', url: '/api/chat', payload: {}, remoteAddress: '10.2.2.2' });
    for (let i = 0; i < 3; i += 1) assert.equal((await chat()).statusCode, 200);
    const refused = await chat();
    assert.equal(refused.statusCode, 429);
    assert.equal(code(refused), 'PROPO_ERR_RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
    // Another IP has its own window.
    assert.equal((await server.inject({ method: 'POST', url: '/api/chat', payload: {}, remoteAddress: '10.2.2.3' })).statusCode, 200);
    await sleep(retryAfter * 1000);
    assert.equal((await chat()).statusCode, 200);
    assert.equal(await t.app.metrics.rateLimitHitsTotal.get().then((m) => m.values.find((v) => v.labels.route === 'chat')?.value), 1);
  } finally {
    await server.close();
    await t.close();
  }
});

void test('concurrent chat streams per user are capped and released when responses close', async () => {
  const t = await makeTestApp({}, { 'limits.maxConcurrentStreams': 2, 'limits.chatPerMinute': 1000 });
  const { server } = await buildSecurityServer(t.app);
  try {
    const slow = () => server.inject({ method: 'POST', url: '/api/slow-chat', payload: {}, remoteAddress: '10.3.3.3' });
    const results = await Promise.all([slow(), slow(), slow()]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 429]);
    const after = await slow();
    assert.equal(after.statusCode, 200, 'slots are released when responses finish');
  } finally {
    await server.close();
    await t.close();
  }
});

void test('issue 14 item 8: a chat refused for concurrency does not use up the rate limit', async () => {
  const t = await makeTestApp({}, { 'limits.maxConcurrentStreams': 1, 'limits.chatPerMinute': 3 });
  const { server } = await buildSecurityServer(t.app);
  try {
    const slow = () => server.inject({ method: 'POST', url: '/api/slow-chat', payload: {}, remoteAddress: '10.3.3.4' });
    const results = await Promise.all(Array.from({ length: 8 }, () => slow()));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 429, 429, 429, 429, 429, 429, 429]);
    // One hit used: two more answers fit in the window of 3, the fourth is rate limited.
    assert.equal((await slow()).statusCode, 200);
    assert.equal((await slow()).statusCode, 200);
    const fourth = await slow();
    assert.equal(fourth.statusCode, 429);
    assert.match(fourth.json<{ error: { message: string } }>().error.message, /Too many chat requests/);
  } finally {
    await server.close();
    await t.close();
  }
});

void test('daily LLM budget: 402 PROPO_ERR_BUDGET_EXCEEDED once today\'s spend reaches it', async () => {
  const { startScriptedLlmServer } = await import('../../src/testing/scripted-llm-server.ts');
  const llmServer = await startScriptedLlmServer({ script: { text: 'hi' } });
  const t = await makeTestApp({ LLM_BASE_URL: llmServer.url, LLM_MODEL: 'test-model', DAILY_BUDGET_USD: '0.5' });
  const { server } = await buildSecurityServer(t.app);
  try {
    assert.notEqual(t.app.llm, null);
    assert.equal((await server.inject({ method: 'POST', url: '/api/chat', payload: {} })).statusCode, 200);
    t.app.db.prepare(`INSERT INTO answers_ledger VALUES ('a1', ?, NULL, NULL, 'q', 'llm', 'm', 1, 1, 0.6, 0, 0, 0, 0, NULL, 0, 0, 0)`).run(new Date().toISOString());
    const refused = await server.inject({ method: 'POST', url: '/api/chat', payload: {} });
    assert.equal(refused.statusCode, 402);
    assert.equal(code(refused), 'PROPO_ERR_BUDGET_EXCEEDED');
    assert.match(refused.json<{ error: { message: string } }>().error.message, /budget of \$0\.50/);
  } finally {
    await server.close();
    await t.close();
    await llmServer.close();
  }
});
