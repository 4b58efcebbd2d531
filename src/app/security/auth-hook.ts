/**
 * onRequest hook: identifies the caller (session cookie or `Authorization: Bearer` API token),
 * sets `request.user`, and when auth is on refuses unauthenticated requests to non-public
 * routes (401), wrong roles (403) and state-changing cookie requests without the session's
 * CSRF token (403 PROPO_ERR_CSRF). Cross-site browser writes are refused whether or not auth is on.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PropoConfig } from '../../core/config/index.ts';
import type { AuditEvent } from './audit-log.ts';
import { CSRF_HEADER, PUBLIC_UI_PATHS, PUBLIC_UI_PREFIXES, SESSION_COOKIE, STATE_CHANGING, setRequestAuth } from './request-auth.ts';
import { sendSecurityError } from './send-security-error.ts';
import type { SessionStore } from './session-store.ts';
import type { UserRepository } from './user-repository.ts';

export interface AuthHookDeps {
  config: PropoConfig;
  users: UserRepository;
  sessions: SessionStore;
  audit: (event: AuditEvent) => void;
  /** The CSRF token browsers must send when auth is off (one per process). */
  localCsrfToken: string;
}

export const LOGIN_PATH = '/api/auth/login';

export function sameToken(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isPublicPath(config: PropoConfig, path: string): boolean {
  return path === LOGIN_PATH || config.auth.publicRoutes.includes(path) || PUBLIC_UI_PATHS.has(path) || PUBLIC_UI_PREFIXES.some((p) => path.startsWith(p) && !/\.\.|%2e|%2f|%5c|\\/i.test(path));
}

/** True for a write a browser sent from another site (Origin or Sec-Fetch-Site say so). */
function isCrossSite(request: FastifyRequest, corsOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && corsOrigins.includes(origin)) return false;
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  if (typeof origin !== 'string' || origin === '') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** Why a request to a protected route has no user: what it presented, if anything. */
function unauthenticatedReason(request: FastifyRequest): string {
  if (request.cookies[SESSION_COOKIE] !== undefined) return 'invalid-or-expired-session';
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') return 'unsupported-auth-scheme';
  return 'no-credentials';
}

export function createAuthHook(deps: AuthHookDeps) {
  const { config } = deps;
  return async function authHook(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const path = request.url.split('?')[0] ?? '/';
    const routeConfig = request.routeOptions.config;
    const isPublic = routeConfig.public === true || isPublicPath(config, path);
    const ctx = { ip: request.ip, requestId: request.id };
    const authorization = request.headers.authorization;
    const bearer = typeof authorization === 'string' && /^Bearer\s+/i.test(authorization) ? authorization.replace(/^Bearer\s+/i, '').trim() : null;
    const writes = STATE_CHANGING.has(request.method);

    if (writes && bearer === null && isCrossSite(request, config.server.corsOrigins)) {
      deps.audit({ type: 'CSRF_FAILURE', ...ctx, details: { reason: 'cross-site', method: request.method, path } });
      return sendSecurityError(reply, 'PROPO_ERR_CSRF', 'Cross-site requests may not change anything. Use the Propo page itself.');
    }
    if (!config.auth.enabled) {
      // A same-origin browser write (it sends Origin / Sec-Fetch-*) must carry the page's token.
      const fromBrowser = request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined || request.headers.cookie !== undefined;
      if (writes && bearer === null && fromBrowser && !sameToken(request.headers[CSRF_HEADER], deps.localCsrfToken)) {
        deps.audit({ type: 'CSRF_FAILURE', ...ctx, details: { reason: 'missing-or-wrong-token', method: request.method, path } });
        return sendSecurityError(reply, 'PROPO_ERR_CSRF', 'Missing or wrong CSRF token. Reload the page and try again.');
      }
      return undefined;
    }

    if (bearer !== null) {
      const user = deps.users.userForToken(bearer);
      if (user) {
        request.user = { name: user.name, role: user.role };
        setRequestAuth(request, { kind: 'token' });
      } else if (!isPublic) {
        deps.audit({ type: 'AUTH_FAILURE', ...ctx, details: { reason: 'invalid-token', path } });
        return sendSecurityError(reply, 'PROPO_ERR_UNAUTHENTICATED', 'The API token is not valid. Create one with `bin/propo users token <name>`.');
      }
    } else {
      const sessionId = request.cookies[SESSION_COOKIE];
      const session = sessionId ? await deps.sessions.get(sessionId) : null;
      const user = session ? deps.users.find(session.userName) : null;
      if (session && user && !user.disabled && sessionId) {
        request.user = { name: user.name, role: user.role };
        setRequestAuth(request, { kind: 'session', sessionId, session });
        if (writes && path !== LOGIN_PATH && !sameToken(request.headers[CSRF_HEADER], session.csrfToken)) {
          deps.audit({ type: 'CSRF_FAILURE', user: user.name, ...ctx, details: { reason: 'missing-or-wrong-token', method: request.method, path } });
          return sendSecurityError(reply, 'PROPO_ERR_CSRF', 'Missing or wrong CSRF token. Reload the page and try again.');
        }
      }
    }

    if (isPublic) return undefined;
    if (!request.user) {
      // Issue 14 item 13: every refused request is audited (aggregated per key and window in the refusals log).
      deps.audit({ type: 'AUTH_FAILURE', ...ctx, details: { reason: unauthenticatedReason(request), method: request.method, path } });
      return sendSecurityError(reply, 'PROPO_ERR_UNAUTHENTICATED', 'Log in or send a valid API token (Authorization: Bearer).');
    }
    if (routeConfig.role === 'admin' && request.user.role !== 'admin') {
      return sendSecurityError(reply, 'PROPO_ERR_FORBIDDEN', 'Only an admin may do this.');
    }
    return undefined;
  };
}
