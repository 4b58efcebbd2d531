/**
 * Tracks failed logins per account and per client IP and applies the backoff/lockout policy
 * (src/core/security/login-backoff.ts). In-process: each instance guards its own logins.
 */
import { isLocked, recordFailure, waitMs, type BackoffPolicy, type BackoffState } from '../../core/security/index.ts';

export interface LoginCheck { allowed: boolean; retryAfterMs: number; locked: boolean }

export class LoginGuard {
  private readonly states = new Map<string, BackoffState>();

  constructor(private readonly policy: BackoffPolicy, private readonly now: () => number = Date.now) {}

  /** Whether an attempt for this account from this IP may be checked now. */
  check(account: string, ip: string): LoginCheck {
    const at = this.now();
    let retryAfterMs = 0;
    let locked = false;
    for (const key of [`user:${account.toLowerCase()}`, `ip:${ip}`]) {
      const state = this.states.get(key);
      const wait = waitMs(state, at, this.policy);
      if (wait > retryAfterMs) {
        retryAfterMs = wait;
        locked = isLocked(state, this.policy);
      }
    }
    return { allowed: retryAfterMs === 0, retryAfterMs, locked };
  }

  /** Records a failure; returns whether it locked the account or the IP. */
  fail(account: string, ip: string): { locked: boolean; retryAfterMs: number } {
    const at = this.now();
    let locked = false;
    let retryAfterMs = 0;
    if (this.states.size > 50_000) this.sweep(at);
    for (const key of [`user:${account.toLowerCase()}`, `ip:${ip}`]) {
      const result = recordFailure(this.states.get(key), at, this.policy);
      this.states.set(key, result.state);
      locked ||= result.locked;
      retryAfterMs = Math.max(retryAfterMs, result.state.blockedUntil - at);
    }
    return { locked, retryAfterMs };
  }

  /** Accounts and addresses locked out now (issue 15, Security tab), with how long they stay locked. */
  lockouts(): Array<{ kind: 'account' | 'address'; key: string; failures: number; retryAfterMs: number }> {
    const at = this.now();
    const out: Array<{ kind: 'account' | 'address'; key: string; failures: number; retryAfterMs: number }> = [];
    for (const [key, state] of this.states) {
      const wait = waitMs(state, at, this.policy);
      if (wait > 0 && isLocked(state, this.policy)) out.push({ kind: key.startsWith('user:') ? 'account' : 'address', key: key.slice(key.indexOf(':') + 1), failures: state.failures, retryAfterMs: wait });
    }
    return out.sort((a, b) => b.retryAfterMs - a.retryAfterMs).slice(0, 100);
  }

  /** A successful login clears the account's failures (not the IP's: one IP may try many accounts). */
  succeed(account: string): void {
    this.states.delete(`user:${account.toLowerCase()}`);
  }

  private sweep(at: number): void {
    for (const [key, state] of this.states) if (waitMs(state, at, this.policy) === 0 && at - state.lastFailureAt > this.policy.resetMs) this.states.delete(key);
  }
}
