/**
 * GET /api/auth/me, POST /api/auth/login, POST /api/auth/logout.
 * Login checks the per-account / per-IP backoff first, then the password; success sets an
 * httpOnly SameSite=Strict session cookie (Secure behind TLS) and returns the CSRF token.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PropoConfig } from '../../core/config/index.ts';
import type { AuditEvent } from './audit-log.ts';
import { LOGIN_PATH } from './auth-hook.ts';
import type { LoginGuard } from './login-guard.ts';
import { SESSION_COOKIE, requestAuth } from './request-auth.ts';
import { sendSecurityError } from './send-security-error.ts';
import type { SessionStore } from './session-store.ts';
import type { UserRepository } from './user-repository.ts';

export interface AuthRoutesDeps {
  config: PropoConfig;
  users: UserRepository;
  sessions: SessionStore;
  guard: LoginGuard;
  audit: (event: AuditEvent) => void;
  localCsrfToken: string;
}

const LOCAL_USER = { name: 'local', role: 'admin' as const };

function cookieOptions(config: PropoConfig, request: FastifyRequest, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.server.trustProxy || request.protocol === 'https', maxAge: maxAgeSeconds };
}

/** Names an attempted account in the audit log without writing what may be a mistyped password. */
function accountLabel(users: UserRepository, name: string): string {
  return users.find(name) ? name : `unknown:${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

function readCredentials(body: unknown): { username: string; password: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { username, password } = body as Record<string, unknown>;
  if (typeof username !== 'string' || typeof password !== 'string') return null;
  if (username.length === 0 || username.length > 64 || password.length === 0 || password.length > 1024) return null;
  return { username, password };
}

export function registerAuthRoutes(server: FastifyInstance, deps: AuthRoutesDeps): void {
  const { config, users, sessions, guard, audit } = deps;
  const ttlMs = config.auth.sessionTtlHours * 3_600_000;

  server.get('/api/auth/me', { config: { public: true } }, async (request, reply) => {
    if (!config.auth.enabled) return { user: LOCAL_USER, csrfToken: deps.localCsrfToken, authEnabled: false };
    const auth = requestAuth(request);
    if (!request.user) return sendSecurityError(reply, 'PROPO_ERR_UNAUTHENTICATED', 'Not logged in.');
    reply.header('cache-control', 'no-store');
    return { user: request.user, csrfToken: auth?.session?.csrfToken ?? null, authEnabled: true };
  });

  server.post(LOGIN_PATH, { config: { public: true, rateLimit: 'login' } }, async (request, reply): Promise<unknown> => {
    if (!config.auth.enabled) return { user: LOCAL_USER, csrfToken: deps.localCsrfToken, authEnabled: false };
    const credentials = readCredentials(request.body);
    if (!credentials) return sendSecurityError(reply, 'PROPO_ERR_VALIDATION', 'Send JSON {"username": "...", "password": "..."} (non-empty strings).');
    const { username, password } = credentials;
    const ctx = { ip: request.ip, requestId: request.id, user: accountLabel(users, username) };
    const check = guard.check(username, request.ip);
    if (!check.allowed) {
      audit({ type: check.locked ? 'ACCOUNT_LOCKED' : 'AUTH_FAILURE', ...ctx, details: { reason: check.locked ? 'locked' : 'backoff', retryAfterMs: check.retryAfterMs } });
      return check.locked
        ? sendSecurityError(reply, 'PROPO_ERR_ACCOUNT_LOCKED', 'Too many failed logins: this account or address is locked for a while. Retry after the time in Retry-After.', check.retryAfterMs)
        : sendSecurityError(reply, 'PROPO_ERR_RATE_LIMITED', 'Too many failed logins. Wait for the time in Retry-After before trying again.', check.retryAfterMs);
    }
    const user = await users.verify(username, password);
    if (!user) {
      const failed = guard.fail(username, request.ip);
      audit({ type: 'AUTH_FAILURE', ...ctx, details: { reason: 'bad-credentials' } });
      if (failed.locked) {
        audit({ type: 'ACCOUNT_LOCKED', ...ctx, details: { retryAfterMs: failed.retryAfterMs } });
        return sendSecurityError(reply, 'PROPO_ERR_ACCOUNT_LOCKED', 'Too many failed logins: this account or address is now locked for a while. Retry after the time in Retry-After.', failed.retryAfterMs);
      }
      return sendSecurityError(reply, 'PROPO_ERR_UNAUTHENTICATED', 'Wrong user name or password.');
    }
    guard.succeed(username);
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await sessions.delete(previous);
    const { id, session } = await sessions.create(user.name, ttlMs);
    reply.setCookie(SESSION_COOKIE, id, cookieOptions(config, request, Math.round(ttlMs / 1000)));
    audit({ type: 'AUTH_SUCCESS', ...ctx, user: user.name, details: { method: 'password', sessionStore: sessions.backend } });
    reply.header('cache-control', 'no-store');
    return { user: { name: user.name, role: user.role }, csrfToken: session.csrfToken, authEnabled: true };
  });

  server.post('/api/auth/logout', { config: { public: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await sessions.delete(sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (request.user) audit({ type: 'LOGOUT', user: request.user.name, ip: request.ip, requestId: request.id });
    return { ok: true };
  });
}
