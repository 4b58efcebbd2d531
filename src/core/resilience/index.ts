export { parseSse, type SseEvent } from './sse-parser.ts';
export { retryWithBackoff, backoffDelay, type RetryOptions } from './retry-with-backoff.ts';
export { createCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.ts';
export { parseRetryAfter } from './parse-retry-after.ts';
export { abortableSleep } from './abortable-sleep.ts';
export { createLinkedAbort, type LinkedAbort, type LinkedAbortOptions } from './linked-abort.ts';
