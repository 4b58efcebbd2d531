import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PropoError } from '../errors/index.ts';
import { backoffDelay, retryWithBackoff } from './retry-with-backoff.ts';
import { parseRetryAfter } from './parse-retry-after.ts';

const unavailable = (): PropoError => new PropoError('PROPO_ERR_LLM_UNAVAILABLE', 'down. Retry.');

void describe('retryWithBackoff', () => {
  void it('retries retryable errors until the operation succeeds', async () => {
    const attempts: number[] = [];
    const result = await retryWithBackoff(async (attempt) => {
      attempts.push(attempt);
      if (attempt < 2) throw unavailable();
      return 'ok';
    }, { maxRetries: 3, baseMs: 1 });
    assert.equal(result, 'ok');
    assert.deepEqual(attempts, [0, 1, 2]);
  });

  void it('rethrows the last error once maxRetries is spent, and does not retry non-retryable errors', async () => {
    let calls = 0;
    await assert.rejects(retryWithBackoff(async () => { calls += 1; throw unavailable(); }, { maxRetries: 2, baseMs: 1 }), { code: 'PROPO_ERR_LLM_UNAVAILABLE' });
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(retryWithBackoff(async () => { calls += 1; throw new PropoError('PROPO_ERR_LLM_AUTH', 'no. Fix key.'); }, { maxRetries: 5, baseMs: 1 }), { code: 'PROPO_ERR_LLM_AUTH' });
    assert.equal(calls, 1);
  });

  void it('waits the delay that retryDelay returns', async () => {
    const started = Date.now();
    const waits: number[] = [];
    await retryWithBackoff(async (attempt) => { if (attempt === 0) throw unavailable(); }, {
      maxRetries: 1, retryDelay: () => 120, onRetry: ({ delayMs }) => waits.push(delayMs),
    });
    assert.deepEqual(waits, [120]);
    assert.ok(Date.now() - started >= 110);
  });

  void it('stops waiting when the signal aborts, rejecting with its reason', async () => {
    const controller = new AbortController();
    const reason = new PropoError('PROPO_ERR_ABORTED', 'cancelled. Nothing to do.');
    setTimeout(() => controller.abort(reason), 20);
    const started = Date.now();
    await assert.rejects(retryWithBackoff(async () => { throw unavailable(); }, { maxRetries: 3, retryDelay: () => 5000, signal: controller.signal }), (error) => error === reason);
    assert.ok(Date.now() - started < 1000);
  });
});

void describe('backoffDelay', () => {
  void it('grows exponentially with jitter between half and full step, capped', () => {
    assert.equal(backoffDelay(1, 100, 10_000, () => 0), 50);
    assert.equal(backoffDelay(1, 100, 10_000, () => 1), 100);
    assert.equal(backoffDelay(3, 100, 10_000, () => 1), 400);
    assert.equal(backoffDelay(20, 100, 1000, () => 1), 1000);
  });
});

void describe('parseRetryAfter', () => {
  void it('reads delay-seconds and HTTP dates, and rejects garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('1', now), 1000);
    assert.equal(parseRetryAfter('2.5', now), 2500);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
  });
});
