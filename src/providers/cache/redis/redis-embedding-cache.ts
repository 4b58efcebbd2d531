/**
 * EmbeddingCache on Redis (shared by every Propo process) with an in-process LRU behind it:
 * every vector is also kept in the LRU, which answers whenever Redis is unavailable, so a dead
 * Redis costs re-embedding at worst, never an error. Values are raw little-endian Float32 bytes.
 */
import { createLruEmbeddingCache, type EmbeddingCache, type LruEmbeddingCache } from '../../../core/embed/index.ts';
import type { GuardedRedis } from './guarded-redis.ts';

export interface CacheCounters {
  cacheHitsTotal: { inc(labels: { cache: string }): void };
  cacheMissesTotal: { inc(labels: { cache: string }): void };
}

export interface RedisEmbeddingCacheOptions {
  redis: GuardedRedis;
  /** Key prefix; default `propo:`. */
  prefix?: string;
  /** Expiry of a vector in Redis; default 30 days. */
  ttlSeconds?: number;
  fallback?: LruEmbeddingCache;
  metrics?: CacheCounters;
}

export function createRedisEmbeddingCache(options: RedisEmbeddingCacheOptions): EmbeddingCache {
  const prefix = options.prefix ?? 'propo:';
  const ttl = options.ttlSeconds ?? 30 * 24 * 3600;
  const fallback = options.fallback ?? createLruEmbeddingCache();
  const count = (hit: boolean): void => {
    if (hit) options.metrics?.cacheHitsTotal.inc({ cache: 'embedding' });
    else options.metrics?.cacheMissesTotal.inc({ cache: 'embedding' });
  };
  return {
    async get(key) {
      const local = await fallback.get(key);
      if (local !== undefined) {
        count(true);
        return local;
      }
      const bytes = await options.redis.run((client) => client.getBuffer(prefix + key));
      if (bytes === undefined || bytes === null || bytes.byteLength % 4 !== 0) {
        count(false);
        return undefined;
      }
      // Copy into an aligned buffer: a Buffer from ioredis may start at any byte offset.
      const vector = new Float32Array(new Uint8Array(bytes).buffer.slice(0));
      await fallback.set(key, vector);
      count(true);
      return vector;
    },
    async set(key, value) {
      await fallback.set(key, value);
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      await options.redis.run((client) => client.set(prefix + key, bytes, 'EX', ttl));
    },
  };
}
