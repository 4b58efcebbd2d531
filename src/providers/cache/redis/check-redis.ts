/** Health detail for Redis: up (PING answered), down (unreachable or breaker open) or disabled (no REDIS_URL). */
import type { CircuitState } from '../../../core/resilience/index.ts';
import type { GuardedRedis } from './guarded-redis.ts';

export interface RedisHealth {
  state: 'up' | 'down' | 'disabled';
  latencyMs: number | null;
  breaker: CircuitState | null;
  connectAttempts: number;
}

/** Pings through the breaker, so a health probe never hammers a dead Redis either. */
export async function checkRedis(redis: GuardedRedis | null): Promise<RedisHealth> {
  if (redis === null) return { state: 'disabled', latencyMs: null, breaker: null, connectAttempts: 0 };
  const started = performance.now();
  const pong = await redis.run((client) => client.ping());
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  return pong === 'PONG'
    ? { state: 'up', latencyMs, breaker: redis.breakerState, connectAttempts: redis.connectAttempts }
    : { state: 'down', latencyMs: null, breaker: redis.breakerState, connectAttempts: redis.connectAttempts };
}
