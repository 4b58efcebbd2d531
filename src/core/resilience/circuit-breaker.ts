/**
 * A circuit breaker: after `failureThreshold` consecutive failures it opens and rejects calls
 * with PROPO_ERR_CIRCUIT_OPEN for `cooldownMs`; then it lets exactly one trial call through
 * (half-open). A successful trial closes it, a failed one opens it again.
 *
 * Outcomes that say nothing about the service's health (a caller abort, a refused API key)
 * are "neutral": they neither count as failures nor reset the count.
 */
import { PropoError, isPropoError } from '../errors/index.ts';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Name used in the error message, e.g. `llm:openrouter`. */
  name?: string;
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before a trial call. Default 30 000 ms. */
  cooldownMs?: number;
  /** Whether an error counts against the service. Default: non-PropoErrors and retryable PropoErrors. */
  isFailure?: (error: unknown) => boolean;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export interface CircuitBreaker {
  readonly name: string;
  /** Current state; an open circuit whose cooldown has passed reports `half-open`. */
  readonly state: CircuitState;
  /** Admits one call or throws PROPO_ERR_CIRCUIT_OPEN. Pair with exactly one `record*` call. */
  acquire(): void;
  recordSuccess(): void;
  /** Records the call's error; neutral errors (see `isFailure`) only release a half-open trial. */
  recordFailure(error: unknown): void;
  /** Ends an admitted call without a verdict (e.g. the consumer stopped reading). */
  release(): void;
  /** acquire + operation + record, for plain promise-returning calls. */
  run<T>(operation: () => Promise<T>): Promise<T>;
}

function defaultIsFailure(error: unknown): boolean {
  return isPropoError(error) ? error.isRetryable && error.code !== 'PROPO_ERR_CIRCUIT_OPEN' : true;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const name = options.name ?? 'circuit';
  const threshold = Math.max(1, options.failureThreshold ?? 5);
  const cooldownMs = options.cooldownMs ?? 30_000;
  const isFailure = options.isFailure ?? defaultIsFailure;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;

  const state = (): CircuitState => {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  };

  const breaker: CircuitBreaker = {
    name,
    get state() {
      return state();
    },
    acquire() {
      const current = state();
      if (current === 'closed') return;
      if (current === 'half-open' && !trialInFlight) {
        trialInFlight = true;
        return;
      }
      const retryInMs = current === 'open' && openedAt !== null ? cooldownMs - (now() - openedAt) : cooldownMs;
      throw new PropoError(
        'PROPO_ERR_CIRCUIT_OPEN',
        `${name} is failing repeatedly, so calls are paused. Retry in about ${Math.ceil(Math.max(0, retryInMs) / 1000)} s.`,
        { details: { name, retryInMs: Math.max(0, retryInMs) } },
      );
    },
    recordSuccess() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    recordFailure(error) {
      if (!isFailure(error)) {
        breaker.release();
        return;
      }
      failures += 1;
      if (trialInFlight || failures >= threshold) openedAt = now();
      trialInFlight = false;
    },
    release() {
      trialInFlight = false;
    },
    async run(operation) {
      breaker.acquire();
      try {
        const result = await operation();
        breaker.recordSuccess();
        return result;
      } catch (error) {
        breaker.recordFailure(error);
        throw error;
      }
    },
  };
  return breaker;
}
