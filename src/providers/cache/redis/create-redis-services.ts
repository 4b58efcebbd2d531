/**
 * The caches of one app: Redis-backed with in-process fallbacks when `redis.url` is set,
 * in-process only otherwise. The composition root calls this once and wraps the embedder
 * with `withEmbeddingCache(embedder, services.embeddingCache)`.
 */
import type { PropoConfig } from '../../../core/config/index.ts';
import { createLruEmbeddingCache, type EmbeddingCache } from '../../../core/embed/index.ts';
import type { AnswerCache } from './answer-cache.ts';
import { checkRedis, type RedisHealth } from './check-redis.ts';
import { createGuardedRedis, type GuardedRedis, type GuardedRedisOptions } from './guarded-redis.ts';
import { createMemoryAnswerCache } from './memory-answer-cache.ts';
import { createRedisAnswerCache } from './redis-answer-cache.ts';
import { createRedisEmbeddingCache, type CacheCounters } from './redis-embedding-cache.ts';

export interface RedisServices {
  embeddingCache: EmbeddingCache;
  answerCache: AnswerCache;
  /** The guarded client (null without REDIS_URL), for other features that want Redis with the same breaker. */
  redis: GuardedRedis | null;
  health(): Promise<RedisHealth>;
  close(): Promise<void>;
}

export interface RedisServicesOptions extends Omit<GuardedRedisOptions, 'upGauge'> {
  /** Entries of the in-process embedding LRU; default 10 000. */
  lruEntries?: number;
}

export function createRedisServices(
  config: Pick<PropoConfig, 'redis' | 'namespace'>,
  metrics: CacheCounters & { redisUp: { set(value: number): void } },
  options: RedisServicesOptions = {},
): RedisServices {
  const lru = createLruEmbeddingCache({ maxEntries: options.lruEntries ?? 10_000 });
  const memoryAnswers = createMemoryAnswerCache();
  const url = config.redis.url;
  if (url === undefined || url === '') {
    metrics.redisUp.set(0);
    return {
      embeddingCache: countingLru(lru, metrics),
      answerCache: countingAnswerCache(memoryAnswers, metrics),
      redis: null,
      health: () => checkRedis(null),
      close: () => Promise.resolve(),
    };
  }
  const redis = createGuardedRedis(url, { ...options, upGauge: metrics.redisUp });
  return {
    embeddingCache: createRedisEmbeddingCache({ redis, fallback: lru, metrics }),
    answerCache: createRedisAnswerCache({ redis, fallback: memoryAnswers, metrics }),
    redis,
    health: () => checkRedis(redis),
    close: () => redis.close(),
  };
}

function countingLru(lru: EmbeddingCache, metrics: CacheCounters): EmbeddingCache {
  return {
    async get(key) {
      const value = await lru.get(key);
      if (value === undefined) metrics.cacheMissesTotal.inc({ cache: 'embedding' });
      else metrics.cacheHitsTotal.inc({ cache: 'embedding' });
      return value;
    },
    set: (key, value) => lru.set(key, value),
  };
}

function countingAnswerCache(memory: AnswerCache, metrics: CacheCounters): AnswerCache {
  return {
    async get(key) {
      const value = await memory.get(key);
      if (value === undefined) metrics.cacheMissesTotal.inc({ cache: 'answer' });
      else metrics.cacheHitsTotal.inc({ cache: 'answer' });
      return value;
    },
    set: (key, value, ttl) => memory.set(key, value, ttl),
  };
}
