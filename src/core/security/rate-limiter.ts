/**
 * The rate-limit port and its fixed-window algorithm. A window starts at a key's first hit and
 * lasts `windowMs`; hits beyond `limit` inside it are refused with the time until it ends, which
 * is exactly when the next hit is allowed again (the HTTP `Retry-After`).
 */

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits in the current window, including this one. */
  count: number;
  limit: number;
  /** Milliseconds until the window ends (0 < value <= windowMs). */
  resetMs: number;
  /** Milliseconds until a hit is allowed again; 0 when allowed. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one hit for `key` and decides whether it is within `limit` per `windowMs`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  /** Forgets a key (e.g. after a successful login). */
  reset(key: string): Promise<void>;
  /** Which implementation answered the last call ('memory' | 'redis'), for status pages. */
  readonly backend: string;
  close(): Promise<void>;
}

export interface WindowState { count: number; resetAt: number }

/** One hit against a key's window state; pure. */
export function fixedWindowHit(state: WindowState | undefined, now: number, limit: number, windowMs: number): { state: WindowState; decision: RateLimitDecision } {
  const current = state && state.resetAt > now ? { count: state.count + 1, resetAt: state.resetAt } : { count: 1, resetAt: now + windowMs };
  return { state: current, decision: decide(current.count, limit, current.resetAt - now) };
}

/** The decision for a window holding `count` hits that ends in `resetMs`. */
export function decide(count: number, limit: number, resetMs: number): RateLimitDecision {
  const allowed = count <= limit;
  const reset = Math.max(1, resetMs);
  return { allowed, count, limit, resetMs: reset, retryAfterMs: allowed ? 0 : reset };
}

/** Whole seconds for a `Retry-After` header: rounded up, never 0 for a refusal. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
