import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PropoError, isPropoError } from '../errors/index.ts';
import type { Embedder } from '../ports/index.ts';
import { createHashEmbedder } from '../../providers/embedders/hash/index.ts';
import { embedMany } from './embed-many.ts';

/**
 * The real hash embedder behind a scripted front: records batch sizes and in-flight calls, and fails
 * the calls listed in `failures` (call number → error) before delegating.
 */
function scripted(options: { maxInputsPerCall: number; parallel: boolean; delayMs?: number; failures?: Map<number, Error> }) {
  const inner = createHashEmbedder({ dimensions: 64 });
  const batches: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const embedder: Embedder = {
    name: 'scripted',
    dimensions: 64,
    maxInputsPerCall: options.maxInputsPerCall,
    supportsParallelCalls: options.parallel,
    async embed(texts, callOptions) {
      const call = calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 2));
        const failure = options.failures?.get(call);
        if (failure !== undefined) throw failure;
        batches.push(texts.length);
        return await inner.embed(texts, callOptions ?? {});
      } finally {
        inFlight--;
      }
    },
    embedQuery: (text, callOptions) => inner.embedQuery(text, callOptions ?? {}),
  };
  return { embedder, inner, batches, stats: () => ({ calls, maxInFlight }) };
}

const texts = Array.from({ length: 23 }, (_, i) => `text number ${i}`);
const retryable = (details: Record<string, unknown> = {}): PropoError => new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', 'flaky', { retryable: true, details });

void describe('embedMany', () => {
  void it('splits into batches of maxInputsPerCall and keeps input order', async () => {
    const { embedder, inner, batches } = scripted({ maxInputsPerCall: 5, parallel: true });
    const vectors = await embedMany(embedder, texts);
    assert.deepEqual([...batches].sort((a, b) => b - a), [5, 5, 5, 5, 3]);
    assert.deepEqual(vectors, await inner.embed(texts));
    assert.deepEqual(await embedMany(embedder, []), []);
  });

  void it('runs batches concurrently only when the embedder supports it', async () => {
    const parallel = scripted({ maxInputsPerCall: 2, parallel: true, delayMs: 10 });
    await embedMany(parallel.embedder, texts, { concurrency: 3 });
    assert.equal(parallel.stats().maxInFlight, 3);
    const serial = scripted({ maxInputsPerCall: 2, parallel: false, delayMs: 5 });
    await embedMany(serial.embedder, texts, { concurrency: 3 });
    assert.equal(serial.stats().maxInFlight, 1);
  });

  void it('reports monotonic progress ending at the total', async () => {
    const { embedder } = scripted({ maxInputsPerCall: 4, parallel: true });
    const seen: number[] = [];
    await embedMany(embedder, texts, { onProgress: ({ done, total }) => {
      assert.equal(total, texts.length);
      seen.push(done);
    } });
    assert.equal(seen.length, 6);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
    assert.equal(seen.at(-1), texts.length);
  });

  void it('retries retryable PropoErrors and then succeeds', async () => {
    const { embedder, inner, stats } = scripted({ maxInputsPerCall: 50, parallel: false, failures: new Map([[0, retryable()], [1, retryable()]]) });
    const vectors = await embedMany(embedder, texts, { retryBaseDelayMs: 1 });
    assert.equal(stats().calls, 3);

    // A server's Retry-After (details.retryAfterMs) replaces the exponential backoff.
    const told = scripted({ maxInputsPerCall: 50, parallel: false, failures: new Map([[0, retryable({ retryAfterMs: 150 })]]) });
    const started = Date.now();
    await embedMany(told.embedder, texts, { retryBaseDelayMs: 1 });
    assert.ok(Date.now() - started >= 140, `waited ${Date.now() - started} ms`);
    assert.deepEqual(vectors, await inner.embed(texts));
  });

  void it('gives up after maxRetries and does not retry non-retryable errors', async () => {
    const always = new Map(Array.from({ length: 10 }, (_, i) => [i, retryable()] as const));
    const flaky = scripted({ maxInputsPerCall: 50, parallel: false, failures: always });
    await assert.rejects(embedMany(flaky.embedder, texts, { maxRetries: 2, retryBaseDelayMs: 1 }), (error) => isPropoError(error) && error.code === 'PROPO_ERR_EMBEDDER_UNAVAILABLE');
    assert.equal(flaky.stats().calls, 3);

    const fatal = scripted({ maxInputsPerCall: 50, parallel: false, failures: new Map([[0, new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', 'key refused', { retryable: false })]]) });
    await assert.rejects(embedMany(fatal.embedder, texts, { retryBaseDelayMs: 1 }), (error) => isPropoError(error) && !error.isRetryable);
    assert.equal(fatal.stats().calls, 1);

    const plain = scripted({ maxInputsPerCall: 50, parallel: false, failures: new Map([[0, new TypeError('bug')]]) });
    await assert.rejects(embedMany(plain.embedder, texts), TypeError);
    assert.equal(plain.stats().calls, 1);
  });

  void it('stops starting batches after one fails', async () => {
    const failing = scripted({ maxInputsPerCall: 1, parallel: true, failures: new Map([[0, new PropoError('PROPO_ERR_VALIDATION', 'bad input')]]) });
    await assert.rejects(embedMany(failing.embedder, texts, { concurrency: 2 }), (error) => isPropoError(error) && error.code === 'PROPO_ERR_VALIDATION');
    assert.ok(failing.stats().calls < texts.length, `made ${failing.stats().calls} calls`);
  });

  void it('rejects with PROPO_ERR_ABORTED when aborted before or during the run, also while backing off', async () => {
    const { embedder, stats } = scripted({ maxInputsPerCall: 2, parallel: false, delayMs: 5 });
    const controller = new AbortController();
    const running = embedMany(embedder, texts, { signal: controller.signal, onProgress: ({ done }) => {
      if (done >= 4) controller.abort();
    } });
    await assert.rejects(running, (error) => isPropoError(error) && error.code === 'PROPO_ERR_ABORTED');
    assert.ok(stats().calls < texts.length / 2);

    const backingOff = scripted({ maxInputsPerCall: 50, parallel: false, failures: new Map([[0, retryable()]]) });
    const slowRetry = new AbortController();
    const pending = embedMany(backingOff.embedder, texts, { signal: slowRetry.signal, retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 });
    setTimeout(() => slowRetry.abort(), 20);
    const started = Date.now();
    await assert.rejects(pending, (error) => isPropoError(error) && error.code === 'PROPO_ERR_ABORTED');
    assert.ok(Date.now() - started < 5_000);
  });
});
