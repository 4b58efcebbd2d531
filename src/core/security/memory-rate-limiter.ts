/** The in-process rate limiter: fixed windows in a Map, expired keys swept as it goes. */
import { fixedWindowHit, type RateLimiter, type WindowState } from './rate-limiter.ts';

export function createMemoryRateLimiter(options: { now?: () => number; maxKeys?: number } = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, WindowState>();
  const sweep = (at: number) => {
    for (const [key, state] of windows) if (state.resetAt <= at) windows.delete(key);
  };
  return {
    backend: 'memory',
    hit(key, limit, windowMs) {
      const at = now();
      if (windows.size >= maxKeys) sweep(at);
      const { state, decision } = fixedWindowHit(windows.get(key), at, limit, windowMs);
      windows.set(key, state);
      return Promise.resolve(decision);
    },
    reset(key) {
      windows.delete(key);
      return Promise.resolve();
    },
    close() {
      windows.clear();
      return Promise.resolve();
    },
  };
}
