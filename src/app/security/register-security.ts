/**
 * Security for the HTTP app: authentication, roles, CSRF, rate limits, security headers and
 * audit events. Contract used by src/app/http:
 *  - call `await registerSecurity(server, app)` right after creating the Fastify instance,
 *    before any feature route is registered (it registers @fastify/cookie and @fastify/helmet);
 *  - routes declare `config: { role?: 'admin' | 'user'; rateLimit?: 'chat' | 'upload' | 'login'; public?: boolean }`;
 *  - handlers read `request.user` ({ name, role } or null when auth is off).
 *
 * Public without login when auth is on: config.auth.publicRoutes (/health, /ready, /metrics),
 * POST /api/auth/login, GET /api/auth/me (answers 401 itself), POST /api/auth/logout, routes with
 * `config.public`, and the static files the login page needs: /, /index.html, /app.css, /app.js,
 * /favicon.ico, /favicon.svg, /assets/* and /js/*. Everything else, including unknown paths, is 401.
 */
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_BACKOFF, createMemoryRateLimiter, type BackoffPolicy, type RateLimiter } from '../../core/security/index.ts';
import type { PropoApp } from '../compose.ts';
import type { AuditEvent, AuditLog } from './audit-log.ts';
import { createAuthHook } from './auth-hook.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { connectRedis } from './connect-redis.ts';
import { ensureAdmin } from './ensure-admin.ts';
import { createLimitsHook } from './limits-hook.ts';
import { LoginGuard } from './login-guard.ts';
import { createRedisRateLimiter } from './redis-rate-limiter.ts';
import { createRedisSessionStore } from './redis-session-store.ts';
import { trackRoutes } from './route-registry.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerSecurityStatusRoute } from './security-status-route.ts';
import { createSqliteSessionStore, type SessionStore } from './session-store.ts';
import { UserRepository, type Role, type RequestUserShape } from './user-repository.ts';
import { registerUsersRoutes } from './users-routes.ts';

export type { Role };
export type RequestUser = RequestUserShape;

declare module 'fastify' {
  interface FastifyRequest { user: RequestUser | null }
  interface FastifyContextConfig { role?: Role; rateLimit?: 'chat' | 'upload' | 'login'; public?: boolean }
}

export interface SecurityContext {
  /** Records a security event (audit log + security_events_total). */
  audit(event: AuditEvent): void;
  readonly auditLog: AuditLog;
  readonly users: UserRepository;
  readonly sessions: SessionStore;
  readonly limiter: RateLimiter;
}

/** Knobs for tests and operators; production uses the defaults (one-minute windows). */
export interface SecurityOptions {
  /** Rate-limit window (limits.*PerMinute counts per this many ms); default 60 000. */
  rateWindowMs?: number;
  backoff?: Partial<BackoffPolicy>;
  redisConnectTimeoutMs?: number;
}

export async function registerSecurity(server: FastifyInstance, app: PropoApp, options: SecurityOptions = {}): Promise<SecurityContext> {
  const { config } = app;
  const auditLog = app.audit;
  const audit = (event: AuditEvent) => {
    try {
      auditLog.write(event);
    } catch (error) {
      app.logger.error({ event: 'audit-write-failed', type: event.type, error: (error as Error).message }, 'audit log write failed');
    }
  };
  const users = new UserRepository(app.db);
  await ensureAdmin(config, users, audit);

  const sqliteSessions = createSqliteSessionStore(app.db);
  let sessions: SessionStore = sqliteSessions;
  let limiter: RateLimiter = createMemoryRateLimiter();
  let warned = false;
  const onRedisError = (error: Error) => {
    app.metrics.redisUp.set(0);
    if (!warned) app.logger.warn({ event: 'redis-fallback', error: error.message }, 'Redis unavailable; using SQLite sessions and in-process rate limits');
    warned = true;
  };
  if (config.redis.url) {
    const redis = await connectRedis(config.redis.url, { connectTimeoutMs: options.redisConnectTimeoutMs ?? 1000, onError: onRedisError });
    if (redis) {
      app.metrics.redisUp.set(1);
      redis.on('ready', () => { app.metrics.redisUp.set(1); warned = false; });
      sessions = createRedisSessionStore(redis, sqliteSessions, onRedisError);
      limiter = createRedisRateLimiter(redis, { onFallback: onRedisError, fallback: limiter });
    }
  }

  trackRoutes(server);
  server.decorateRequest('user', null);
  if (!server.hasRequestDecorator('cookies')) await server.register(cookie);
  await registerSecurityHeaders(server, config);
  const localCsrfToken = randomBytes(32).toString('base64url');
  server.addHook('onRequest', createAuthHook({ config, users, sessions, audit, localCsrfToken }));
  server.addHook('onRequest', createLimitsHook({
    config, limiter, audit, windowMs: options.rateWindowMs ?? 60_000,
    spentToday: () => (app.llm ? app.ledger.spentToday() : null),
  }).hook);
  server.addHook('onClose', async () => {
    await limiter.close();
    await sessions.close();
  });

  const guard = new LoginGuard({ ...DEFAULT_BACKOFF, ...options.backoff });
  registerAuthRoutes(server, { config, users, sessions, guard, audit, localCsrfToken });
  registerUsersRoutes(server, { users, sessions, audit });
  registerSecurityStatusRoute(server, { config, users, audit: auditLog, limiter, sessions, guard });
  return { audit, auditLog, users, sessions, limiter };
}
