/** In-process least-recently-used EmbeddingCache (the default when no Redis is configured). */
import type { EmbeddingCache } from './with-embedding-cache.ts';

export interface LruEmbeddingCache extends EmbeddingCache {
  readonly size: number;
  clear(): void;
}

/**
 * Creates an LRU cache holding at most `maxEntries` vectors (default 10,000 ≈ 15 MB at 384 dims).
 * Values are copied in and out so callers cannot mutate cached vectors.
 */
export function createLruEmbeddingCache(options: { maxEntries?: number } = {}): LruEmbeddingCache {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  // A Map iterates in insertion order; re-inserting on read keeps the oldest entry first.
  const entries = new Map<string, Float32Array>();
  return {
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return Promise.resolve(undefined);
      entries.delete(key);
      entries.set(key, value);
      return Promise.resolve(value.slice());
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value.slice());
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      return Promise.resolve();
    },
  };
}
