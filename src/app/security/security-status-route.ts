/** GET /api/security/status (admin): auth state, accounts, limiter backend, rate-limit hits, current lockouts and recent events. */
import type { FastifyInstance } from 'fastify';
import type { PropoConfig } from '../../core/config/index.ts';
import type { RateLimiter } from '../../core/security/index.ts';
import type { AuditLog } from './audit-log.ts';
import type { LoginGuard } from './login-guard.ts';
import type { SessionStore } from './session-store.ts';
import type { UserRepository } from './user-repository.ts';

export interface SecurityStatusDeps { config: PropoConfig; users: UserRepository; audit: AuditLog; limiter: RateLimiter; sessions: SessionStore; guard?: Pick<LoginGuard, 'lockouts'> }

export function registerSecurityStatusRoute(server: FastifyInstance, deps: SecurityStatusDeps): void {
  server.get('/api/security/status', { config: { role: 'admin' } }, async () => {
    const recent = deps.audit.recent(100);
    const counts: Record<string, number> = {};
    for (const event of recent) counts[event.type] = (counts[event.type] ?? 0) + 1;
    return {
      authEnabled: deps.config.auth.enabled,
      users: deps.users.count(),
      sessionStore: deps.sessions.backend,
      rateLimiter: deps.limiter.backend,
      limits: deps.config.limits,
      rateLimitHits: counts.RATE_LIMIT ?? 0,
      lockouts: deps.guard?.lockouts() ?? [],
      disabledUsers: deps.users.list().filter((u) => u.disabled).length,
      eventCounts: counts,
      recentEvents: recent.reverse(),
    };
  });
}
