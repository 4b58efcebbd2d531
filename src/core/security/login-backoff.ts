/**
 * Brute-force policy for logins, per account and per client IP: the first few failures are
 * free, then each failure blocks further attempts for an exponentially growing delay, and at
 * `lockAfter` failures the key is locked for `lockMs`. Failures are forgotten `resetMs` after
 * the last one. Pure: the caller keeps the state and the clock.
 */

export interface BackoffPolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** First delay after the free failures. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures at which the key is locked. */
  lockAfter: number;
  lockMs: number;
  /** Quiet time after which failures are forgotten. */
  resetMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 60_000, lockAfter: 10, lockMs: 15 * 60_000, resetMs: 60 * 60_000,
};

export interface BackoffState { failures: number; lastFailureAt: number; blockedUntil: number }

/** State after one more failure at `now`, and whether it locked the key. */
export function recordFailure(state: BackoffState | undefined, now: number, policy: BackoffPolicy): { state: BackoffState; locked: boolean } {
  const previous = state && now - state.lastFailureAt < policy.resetMs ? state.failures : 0;
  const failures = previous + 1;
  const locked = failures >= policy.lockAfter;
  let blockedUntil = now;
  if (locked) blockedUntil = now + policy.lockMs;
  else if (failures > policy.freeFailures) blockedUntil = now + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - policy.freeFailures - 1));
  return { state: { failures, lastFailureAt: now, blockedUntil }, locked };
}

/** Milliseconds the key must still wait before another attempt (0 = may try now). */
export function waitMs(state: BackoffState | undefined, now: number, policy: BackoffPolicy): number {
  if (!state || now - state.lastFailureAt >= policy.resetMs && state.blockedUntil <= now) return 0;
  return Math.max(0, state.blockedUntil - now);
}

/** True when the key's current block is a lockout rather than a short backoff delay. */
export function isLocked(state: BackoffState | undefined, policy: BackoffPolicy): boolean {
  return state !== undefined && state.failures >= policy.lockAfter;
}
