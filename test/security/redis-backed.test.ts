/** Redis-backed rate limits and sessions against a real redis-server, and the fallback when it stops. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectRedis } from '../../src/app/security/connect-redis.ts';
import { createRedisRateLimiter } from '../../src/app/security/redis-rate-limiter.ts';
import { ADMIN_PASS, AUTH_ENV, login, makeTestApp, sleep } from './security-harness.ts';
import { buildSecurityServer } from './security-server.ts';
import { startRedis } from './redis-process.ts';

void test('the Redis limiter shares one window across instances and reports PTTL as Retry-After', async () => {
  const redis = await startRedis();
  const a = createRedisRateLimiter(new Redis(redis.url));
  const b = createRedisRateLimiter(new Redis(redis.url));
  try {
    assert.equal((await a.hit('k', 2, 1000)).allowed, true);
    assert.equal((await b.hit('k', 2, 1000)).allowed, true);
    const refused = await a.hit('k', 2, 1000);
    assert.equal(refused.allowed, false);
    assert.equal(refused.count, 3);
    assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= 1000, String(refused.retryAfterMs));
    assert.equal(a.backend, 'redis');
    await sleep(refused.retryAfterMs + 20);
    assert.equal((await b.hit('k', 2, 1000)).allowed, true);
  } finally {
    await a.close();
    await b.close();
    await redis.stop();
  }
});

void test('with REDIS_URL sessions and limits live in Redis; when Redis stops, the app falls back and keeps answering', async () => {
  const redis = await startRedis({ password: 'redis-pass-for-test' });
  const t = await makeTestApp({ ...AUTH_ENV, REDIS_URL: redis.url }, { 'limits.chatPerMinute': 2 });
  const { server, security } = await buildSecurityServer(t.app, { rateWindowMs: 60_000, redisConnectTimeoutMs: 500 });
  const probe = new Redis(redis.url);
  try {
    assert.equal(security.sessions.backend, 'redis');
    const { cookie, csrfToken } = await login(server, 'admin', ADMIN_PASS);
    assert.ok(cookie);
    assert.equal((await probe.keys('propo:session:*')).length, 1, 'the session is stored in Redis');
    assert.equal((t.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n, 1, 'written through to SQLite (issue 14 item 4)');
    const chat = () => server.inject({ method: 'POST', url: '/api/chat', headers: { cookie, 'x-csrf-token': csrfToken }, payload: {} });
    assert.equal((await chat()).statusCode, 200);
    assert.equal((await chat()).statusCode, 200);
    assert.equal((await chat()).statusCode, 429);
    assert.ok((await probe.keys('propo:rl:*')).length >= 1);
    probe.disconnect();

    await redis.stop();
    const started = Date.now();
    const during = await server.inject({ method: 'POST', url: '/api/chat', payload: {}, remoteAddress: '10.7.7.7' });
    assert.equal(during.statusCode, 401, 'no session: auth still answers, without Redis');
    assert.ok(Date.now() - started < 5000);
    const relogin = await login(server, 'admin', ADMIN_PASS, '10.7.7.7');
    assert.equal(relogin.response.statusCode, 200, 'login falls back to SQLite sessions');
    const fallbackChat = await server.inject({ method: 'POST', url: '/api/chat', headers: { cookie: relogin.cookie, 'x-csrf-token': relogin.csrfToken }, payload: {}, remoteAddress: '10.7.7.7' });
    assert.equal(fallbackChat.statusCode, 200);
    assert.equal(security.limiter.backend, 'memory');
  } finally {
    probe.disconnect();
    await server.close();
    await t.close();
    await redis.stop();
  }
});

void test('issue 14 item 4: sessions stay valid while Redis is down and after it restarts; a logout during the outage holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-redis-keep-'));
  let redis = await startRedis({ dir, persist: true });
  const t = await makeTestApp({ ...AUTH_ENV, REDIS_URL: redis.url }, { 'limits.chatPerMinute': 1000 });
  const { server, security } = await buildSecurityServer(t.app, { redisConnectTimeoutMs: 500 });
  try {
    assert.equal(security.sessions.backend, 'redis');
    const alice = await login(server, 'admin', ADMIN_PASS, '10.8.8.1');
    const bob = await login(server, 'admin', ADMIN_PASS, '10.8.8.2');
    const documents = (session: { cookie: string }) => server.inject({ method: 'GET', url: '/api/documents', headers: { cookie: session.cookie }, remoteAddress: '10.8.8.3' });
    assert.equal((await documents(alice)).statusCode, 200);

    await redis.stop();
    for (let i = 0; i < 10; i += 1) assert.equal((await documents(alice)).statusCode, 200, `request ${i} during the outage`);
    const logout = await server.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: bob.cookie, 'x-csrf-token': bob.csrfToken }, remoteAddress: '10.8.8.2' });
    assert.equal(logout.statusCode, 200);
    assert.equal((await documents(bob)).statusCode, 401, 'logged out during the outage');

    // Same port, same data: Redis comes back still holding bob's session key.
    redis = await startRedis({ dir, persist: true, port: redis.port });
    const probe = new Redis(redis.url);
    try {
      assert.equal((await probe.keys('propo:session:*')).length, 2, 'Redis kept both sessions across its restart');
      for (let i = 0; i < 100 && (await t.app.metrics.redisUp.get()).values[0]?.value !== 1; i += 1) await sleep(100);
      assert.equal((await t.app.metrics.redisUp.get()).values[0]?.value, 1, 'the app reconnected');
      assert.equal((await documents(alice)).statusCode, 200, 'still logged in after the restart');
      assert.equal((await documents(bob)).statusCode, 401, 'the logout made during the outage still holds');
      assert.equal((await probe.keys('propo:session:*')).length, 1, 'the missed delete was applied to Redis');
    } finally {
      probe.disconnect();
    }
  } finally {
    await server.close();
    await t.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('an unreachable Redis at start is detected quickly and SQLite / in-process state is used', async () => {
  const started = Date.now();
  const client = await connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 300 });
  assert.equal(client, null);
  assert.ok(Date.now() - started < 3000);
  const t = await makeTestApp({ ...AUTH_ENV, REDIS_URL: 'redis://127.0.0.1:1' });
  const { server, security } = await buildSecurityServer(t.app, { redisConnectTimeoutMs: 300 });
  try {
    assert.equal(security.sessions.backend, 'sqlite');
    assert.equal(security.limiter.backend, 'memory');
    assert.equal((await login(server, 'admin', ADMIN_PASS)).response.statusCode, 200);
  } finally {
    await server.close();
    await t.close();
  }
});
