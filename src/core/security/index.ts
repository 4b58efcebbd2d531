export { hashPassword, verifyPassword } from './hash-password.ts';
export { detectInjection, type InjectionReport } from './detect-injection.ts';
export { fixedWindowHit, decide, retryAfterSeconds, type RateLimiter, type RateLimitDecision, type WindowState } from './rate-limiter.ts';
export { createMemoryRateLimiter } from './memory-rate-limiter.ts';
export { recordFailure, waitMs, isLocked, DEFAULT_BACKOFF, type BackoffPolicy, type BackoffState } from './login-backoff.ts';
