/**
 * Redis caches against a real redis-server: set/get through Redis; Redis stopped → every call
 * falls back to in-process state without throwing, the breaker opens and connection attempts stay
 * bounded; Redis restarted on the same port → the breaker's trial reconnects and Redis serves again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetrics } from '../../src/app/observability/index.ts';
import { embeddingCacheKey } from '../../src/core/embed/index.ts';
import { answerCacheKey, createRedisServices, normaliseQuestion } from '../../src/providers/cache/redis/index.ts';
import { findBinary, freePort, waitFor } from '../../src/testing/prometheus-harness.ts';
import { Redis } from 'ioredis';

async function startRedisOn(port: number, dir: string): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(findBinary('redis-server', 'redis-server'),
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  await waitFor('redis-server', async () => {
    if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
    return (await probe.ping().catch(() => null)) === 'PONG' ? true : undefined;
  }, 15_000, 100);
  probe.disconnect();
  return {
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const metricValue = async (metrics: ReturnType<typeof createMetrics>, name: string, cache?: string): Promise<number> => {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
  return values.filter((v) => cache === undefined || v.labels.cache === cache).reduce((sum, v) => sum + v.value, 0);
};

void test('normaliseQuestion makes trivially different questions share a key', () => {
  assert.equal(normaliseQuestion('  What is   Rust?? '), 'what is rust');
  const key = (q: string) => answerCacheKey({ namespace: 'n', question: q, corpusVersion: 'v1' });
  assert.equal(key('What is Rust?'), key('what is rust'));
  assert.notEqual(key('What is Rust?'), answerCacheKey({ namespace: 'n', question: 'What is Rust?', corpusVersion: 'v2' }));
});

void test('no REDIS_URL: in-process caches, health disabled', async () => {
  const metrics = createMetrics({ collectDefaultMetrics: false });
  const services = createRedisServices({ redis: {}, namespace: 'default' }, metrics);
  await services.embeddingCache.set('k', new Float32Array([1, 2]));
  assert.deepEqual([...(await services.embeddingCache.get('k')) ?? []], [1, 2]);
  assert.equal((await services.health()).state, 'disabled');
  assert.equal(await metricValue(metrics, 'propo_redis_up'), 0);
  await services.close();
});

void test('Redis caches: serve, fall back when Redis dies (breaker open, bounded reconnects), recover on restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'propo-redis-test-'));
  const port = await freePort();
  let server = await startRedisOn(port, dir);
  const metrics = createMetrics({ collectDefaultMetrics: false });
  const cooldownMs = 200;
  const services = createRedisServices({ redis: { url: `redis://127.0.0.1:${port}` }, namespace: 'default' }, metrics, { failureThreshold: 3, cooldownMs });
  const external = new Redis(port, '127.0.0.1', { retryStrategy: () => null });
  external.on('error', () => undefined);
  try {
    // 1. Up: values land in Redis itself (visible to a second client) and come back.
    const key = embeddingCacheKey('hash-384', 'doc', 'hello');
    const vector = new Float32Array([0.25, -1.5, 3]);
    await services.embeddingCache.set(key, vector);
    const raw = await external.getBuffer(`propo:${key}`);
    assert.ok(raw !== null && raw.byteLength === 12, 'the vector is stored in Redis as 12 bytes');
    // A vector set by another process (only in Redis) is read through Redis.
    const otherKey = embeddingCacheKey('hash-384', 'doc', 'from another process');
    await external.set(`propo:${otherKey}`, Buffer.from(new Float32Array([7, 8]).buffer));
    assert.deepEqual([...(await services.embeddingCache.get(otherKey)) ?? []], [7, 8]);
    const answerKey = answerCacheKey({ namespace: 'default', question: 'What is ownership?', corpusVersion: 'c1' });
    await services.answerCache.set(answerKey, { answer: 'A', citations: ['[f:1:0-3]'] }, 60);
    assert.ok((await external.ttl(`propo:${answerKey}`)) > 0, 'the answer carries a TTL in Redis');
    assert.deepEqual(await services.answerCache.get(answerKey), { answer: 'A', citations: ['[f:1:0-3]'] });
    const up = await services.health();
    assert.equal(up.state, 'up');
    assert.ok(up.latencyMs !== null);
    assert.equal(await metricValue(metrics, 'propo_redis_up'), 1);
    assert.ok(await metricValue(metrics, 'propo_cache_hits_total', 'answer') >= 1);

    // 2. Down: nothing throws, answers come from the in-process fallback, the breaker opens.
    await server.stop();
    const attemptsBefore = services.redis?.connectAttempts ?? 0;
    const started = Date.now();
    let calls = 0;
    // Keep calling for several cooldowns so the breaker goes through half-open trials.
    for (let i = 0; i < 300 || Date.now() - started < 6 * cooldownMs; i += 1) {
      calls += 1;
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const k = embeddingCacheKey('hash-384', 'doc', `down ${i}`);
      await services.embeddingCache.set(k, new Float32Array([i]));
      assert.deepEqual([...(await services.embeddingCache.get(k)) ?? []], [i]);
      await services.answerCache.set(`down-${i}`, { i });
      assert.deepEqual(await services.answerCache.get(`down-${i}`), { i }, 'answer served by the in-process fallback');
    }
    const elapsed = Date.now() - started;
    const attempts = (services.redis?.connectAttempts ?? 0) - attemptsBefore;
    // One trial per cooldown at most, plus the first failures: not one attempt per call (1200 Redis calls were made).
    const bound = 3 + Math.ceil(elapsed / cooldownMs) + 1;
    assert.ok(attempts >= 1, 'the breaker let at least one reconnect trial through');
    assert.ok(attempts <= bound, `connection attempts while down: ${attempts} (bound ${bound}, ${calls * 4} cache calls in ${elapsed} ms)`);
    assert.notEqual(services.redis?.breakerState, 'closed');
    const down = await services.health();
    assert.equal(down.state, 'down');
    assert.equal(await metricValue(metrics, 'propo_redis_up'), 0);
    process.stdout.write(`# redis down: ${calls * 4} cache calls in ${elapsed} ms, ${attempts} connection attempts, breaker ${down.breaker}\n`);

    // 3. Restart on the same port: after the cooldown one trial reconnects and Redis serves again.
    server = await startRedisOn(port, dir);
    const recovered = await waitFor('redis recovery', async () => ((await services.health()).state === 'up' ? true : undefined), 15_000, 200);
    assert.equal(recovered, true);
    const afterKey = embeddingCacheKey('hash-384', 'doc', 'after restart');
    await services.embeddingCache.set(afterKey, new Float32Array([9]));
    const external2 = new Redis(port, '127.0.0.1');
    assert.ok((await external2.getBuffer(`propo:${afterKey}`)) !== null, 'writes reach Redis again');
    external2.disconnect();
    assert.equal(await metricValue(metrics, 'propo_redis_up'), 1);
  } finally {
    external.disconnect();
    await services.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
