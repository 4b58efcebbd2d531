/**
 * Fixed-window rate limiter in Redis (shared across instances): one Lua script does
 * INCR + PEXPIRE-on-first-hit + PTTL atomically. When a Redis call fails the limiter answers from
 * the in-process limiter instead, so a Redis outage never takes chat or login down.
 */
import type { Redis } from 'ioredis';
import { createMemoryRateLimiter, decide, type RateLimiter } from '../../core/security/index.ts';

const SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

const PREFIX = 'propo:rl:';

export function createRedisRateLimiter(redis: Redis, options: { onFallback?: (error: Error) => void; fallback?: RateLimiter } = {}): RateLimiter {
  const fallback = options.fallback ?? createMemoryRateLimiter();
  let backend = 'redis';
  return {
    get backend() { return backend; },
    async hit(key, limit, windowMs) {
      try {
        const [count, ttl] = (await redis.eval(SCRIPT, 1, PREFIX + key, Math.max(1, Math.round(windowMs)))) as [number, number];
        backend = 'redis';
        return decide(count, limit, ttl);
      } catch (error) {
        backend = 'memory';
        options.onFallback?.(error as Error);
        return fallback.hit(key, limit, windowMs);
      }
    },
    async reset(key) {
      await fallback.reset(key);
      try { await redis.del(PREFIX + key); } catch (error) { options.onFallback?.(error as Error); }
    },
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}
