/** In-process answer cache (LRU with per-entry expiry): the default, and the fallback when Redis is down. */
import type { AnswerCache } from './answer-cache.ts';

export interface MemoryAnswerCache<T> extends AnswerCache<T> {
  readonly size: number;
}

export function createMemoryAnswerCache<T = unknown>(options: { maxEntries?: number; defaultTtlSeconds?: number; now?: () => number } = {}): MemoryAnswerCache<T> {
  const maxEntries = Math.max(1, options.maxEntries ?? 1_000);
  const defaultTtl = options.defaultTtlSeconds ?? 3600;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get size() { return entries.size; },
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return Promise.resolve(undefined);
      entries.delete(key);
      if (entry.expiresAt <= now()) return Promise.resolve(undefined);
      entries.set(key, entry);
      // Stored as JSON so a caller cannot mutate a cached answer.
      return Promise.resolve(JSON.parse(entry.value) as T);
    },
    set(key, value, ttlSeconds) {
      entries.delete(key);
      entries.set(key, { value: JSON.stringify(value), expiresAt: now() + (ttlSeconds ?? defaultTtl) * 1000 });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      return Promise.resolve();
    },
  };
}
