/** AnswerCache on Redis (JSON values with TTL), falling back to an in-process cache when Redis is unavailable. */
import type { AnswerCache } from './answer-cache.ts';
import type { GuardedRedis } from './guarded-redis.ts';
import { createMemoryAnswerCache } from './memory-answer-cache.ts';
import type { CacheCounters } from './redis-embedding-cache.ts';

export interface RedisAnswerCacheOptions<T> {
  redis: GuardedRedis;
  prefix?: string;
  /** Default expiry; default 3600 s. */
  defaultTtlSeconds?: number;
  fallback?: AnswerCache<T>;
  metrics?: CacheCounters;
}

export function createRedisAnswerCache<T = unknown>(options: RedisAnswerCacheOptions<T>): AnswerCache<T> {
  const prefix = options.prefix ?? 'propo:';
  const defaultTtl = options.defaultTtlSeconds ?? 3600;
  const fallback = options.fallback ?? createMemoryAnswerCache<T>({ defaultTtlSeconds: defaultTtl });
  const count = (hit: boolean): void => {
    if (hit) options.metrics?.cacheHitsTotal.inc({ cache: 'answer' });
    else options.metrics?.cacheMissesTotal.inc({ cache: 'answer' });
  };
  return {
    async get(key) {
      const text = await options.redis.run((client) => client.get(prefix + key));
      let value: T | undefined;
      if (text === undefined) value = await fallback.get(key);
      else if (text !== null) {
        try { value = JSON.parse(text) as T; } catch { value = undefined; }
      }
      count(value !== undefined);
      return value;
    },
    async set(key, value, ttlSeconds) {
      const ttl = Math.max(1, Math.round(ttlSeconds ?? defaultTtl));
      const stored = await options.redis.run((client) => client.set(prefix + key, JSON.stringify(value), 'EX', ttl));
      if (stored === undefined) await fallback.set(key, value, ttl);
    },
  };
}
