/**
 * How a request authenticated, kept beside the request (not on it) so handlers only see
 * `request.user`. `session` requests need a CSRF token on state-changing methods; `token`
 * (Authorization: Bearer) requests do not, as browsers never attach them by themselves.
 */
import type { FastifyRequest } from 'fastify';
import type { Session } from './session-store.ts';

export interface RequestAuth { kind: 'session' | 'token'; sessionId?: string; session?: Session }

const byRequest = new WeakMap<FastifyRequest, RequestAuth>();

export function setRequestAuth(request: FastifyRequest, auth: RequestAuth): void {
  byRequest.set(request, auth);
}

export function requestAuth(request: FastifyRequest): RequestAuth | undefined {
  return byRequest.get(request);
}

export const SESSION_COOKIE = 'propo_session';
export const CSRF_HEADER = 'x-csrf-token';
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Static files the login page needs before anyone is logged in (see docs in register-security.ts). */
export const PUBLIC_UI_PATHS = new Set(['/', '/index.html', '/app.css', '/app.js', '/favicon.ico', '/favicon.svg']);
export const PUBLIC_UI_PREFIXES = ['/assets/', '/js/'];
