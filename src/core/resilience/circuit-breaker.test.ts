import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PropoError } from '../errors/index.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';

const failure = new PropoError('PROPO_ERR_LLM_UNAVAILABLE', 'down. Retry.');

void describe('createCircuitBreaker', () => {
  void it('opens after N consecutive failures, half-opens after the cooldown, closes on a good trial', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ name: 'llm:test', failureThreshold: 3, cooldownMs: 1000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      breaker.acquire();
      breaker.recordFailure(failure);
    }
    assert.equal(breaker.state, 'open');
    assert.throws(() => breaker.acquire(), { code: 'PROPO_ERR_CIRCUIT_OPEN' });
    now = 1000;
    assert.equal(breaker.state, 'half-open');
    breaker.acquire();
    assert.throws(() => breaker.acquire(), { code: 'PROPO_ERR_CIRCUIT_OPEN' }, 'only one trial at a time');
    breaker.recordSuccess();
    assert.equal(breaker.state, 'closed');
    breaker.acquire();
  });

  void it('re-opens when the trial fails', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 100, now: () => now });
    breaker.acquire();
    breaker.recordFailure(failure);
    now = 150;
    breaker.acquire();
    breaker.recordFailure(failure);
    assert.equal(breaker.state, 'open');
    now = 249;
    assert.equal(breaker.state, 'open');
    now = 250;
    assert.equal(breaker.state, 'half-open');
  });

  void it('a success resets the count; neutral errors (auth, abort) neither count nor reset', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2 });
    breaker.acquire(); breaker.recordFailure(failure);
    breaker.acquire(); breaker.recordSuccess();
    breaker.acquire(); breaker.recordFailure(failure);
    breaker.acquire(); breaker.recordFailure(new PropoError('PROPO_ERR_ABORTED', 'cancelled. Nothing.'));
    breaker.acquire(); breaker.recordFailure(new PropoError('PROPO_ERR_LLM_AUTH', 'bad key. Fix it.'));
    assert.equal(breaker.state, 'closed');
    breaker.acquire(); breaker.recordFailure(failure);
    assert.equal(breaker.state, 'open');
  });

  void it('run() wraps a promise-returning call', async () => {
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 60_000 });
    assert.equal(await breaker.run(async () => 5), 5);
    await assert.rejects(breaker.run(async () => { throw failure; }), { code: 'PROPO_ERR_LLM_UNAVAILABLE' });
    await assert.rejects(breaker.run(async () => 5), { code: 'PROPO_ERR_CIRCUIT_OPEN' });
  });
});
