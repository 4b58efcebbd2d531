/**
 * Redis behind a circuit breaker. `run(op)` returns the operation's result, or `undefined`
 * when Redis is unavailable (breaker open, connect failed, command failed) — callers then
 * fall back to in-process state; nothing here throws to the caller. Connection attempts are
 * made only when the breaker admits a call, so while Redis is down at most one attempt is
 * made per cooldown (no connection storm). `propo_redis_up` follows every outcome.
 */
import type { Redis } from 'ioredis';
import { createCircuitBreaker, type CircuitBreaker, type CircuitState } from '../../../core/resilience/index.ts';
import { createRedisConnection, type RedisConnectionOptions } from './create-redis-connection.ts';

export interface GuardedRedisOptions extends RedisConnectionOptions {
  /** Consecutive failures that open the breaker; default 3. */
  failureThreshold?: number;
  /** How long the breaker stays open before one trial; default 5000 ms. */
  cooldownMs?: number;
  /** `propo_redis_up`-like gauge: set to 1/0 on every outcome. */
  upGauge?: { set(value: number): void };
}

export interface GuardedRedis {
  readonly breakerState: CircuitState;
  /** Connection attempts made so far (for health detail and tests). */
  readonly connectAttempts: number;
  /** Whether the last call reached Redis. */
  readonly lastOk: boolean;
  run<T>(operation: (client: Redis) => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}

export function createGuardedRedis(url: string, options: GuardedRedisOptions = {}): GuardedRedis {
  const client = createRedisConnection(url, options);
  const breaker: CircuitBreaker = createCircuitBreaker({
    name: 'redis',
    failureThreshold: options.failureThreshold ?? 3,
    cooldownMs: options.cooldownMs ?? 5_000,
    isFailure: () => true,
  });
  let connectAttempts = 0;
  let connecting: Promise<void> | null = null;
  let lastOk = false;
  let closed = false;

  const setUp = (ok: boolean): void => {
    lastOk = ok;
    options.upGauge?.set(ok ? 1 : 0);
  };
  options.upGauge?.set(0);

  const ensureConnected = async (): Promise<void> => {
    if (client.status === 'ready') return;
    if (connecting === null) {
      connectAttempts += 1;
      // A client that lost its connection is in 'end'; 'wait' is the lazy initial state.
      connecting = (client.status === 'connecting' || client.status === 'connect' || client.status === 'reconnecting'
        ? Promise.reject(new Error(`redis is ${client.status}`))
        : client.connect()).finally(() => { connecting = null; });
    }
    await connecting;
  };

  return {
    get breakerState() { return breaker.state; },
    get connectAttempts() { return connectAttempts; },
    get lastOk() { return lastOk; },
    async run(operation) {
      if (closed) return undefined;
      try {
        breaker.acquire();
      } catch {
        return undefined;
      }
      try {
        await ensureConnected();
        const result = await operation(client);
        breaker.recordSuccess();
        setUp(true);
        return result;
      } catch (error) {
        breaker.recordFailure(error);
        setUp(false);
        // Drop a half-broken socket so the next admitted trial reconnects cleanly.
        if (client.status !== 'ready') client.disconnect();
        return undefined;
      }
    },
    async close() {
      closed = true;
      setUp(false);
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
