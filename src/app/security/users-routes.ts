/**
 * Admin API for accounts and API tokens (admin only), the web face of `bin/propo users` through the same
 * UserAdmin service: GET/POST /api/users, PATCH/DELETE /api/users/:name, POST /api/users/:name/password,
 * GET/POST /api/users/:name/tokens, DELETE /api/users/:name/tokens/:id. Passwords and tokens that the
 * server generates are in the response once and never again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPropoError } from '../../core/errors/index.ts';
import type { AuditEvent } from './audit-log.ts';
import { sendSecurityError } from './send-security-error.ts';
import type { SessionStore } from './session-store.ts';
import { UserAdmin, type UserAdminContext } from './user-admin.ts';
import { assertRole, type UserRepository } from './user-repository.ts';

export interface UsersRoutesDeps { users: UserRepository; sessions: SessionStore; audit: (event: AuditEvent) => void }

type Body = Record<string, unknown>;
type NameParams = { Params: { name: string } };
const bodyOf = (request: FastifyRequest): Body => (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Body;
const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

export function registerUsersRoutes(server: FastifyInstance, deps: UsersRoutesDeps): void {
  const service = new UserAdmin(deps.users, deps.audit, deps.sessions);
  const admin = { config: { role: 'admin' as const } };
  const ctx = (request: FastifyRequest): UserAdminContext => ({ actor: request.user?.name ?? null, via: 'web', ip: request.ip, requestId: request.id });
  /** Runs an action; its PropoErrors (validation, not found, last admin…) become the API's error shape. */
  const run = async (reply: FastifyReply, action: () => unknown): Promise<unknown> => {
    try {
      return await action();
    } catch (error) {
      if (isPropoError(error)) return sendSecurityError(reply, error.code, error.message);
      throw error;
    }
  };
  const self = (request: FastifyRequest<NameParams>) => request.params.name === request.user?.name;

  server.get('/api/users', admin, async () => ({ users: service.list() }));

  server.post('/api/users', admin, async (request, reply): Promise<unknown> => {
    const { name, role = 'user', password } = bodyOf(request);
    if (typeof name !== 'string' || typeof role !== 'string' || !optionalString(password)) {
      return sendSecurityError(reply, 'PROPO_ERR_VALIDATION', 'Send JSON {"name": "...", "role": "user"|"admin", "password": "..."} (leave the password out to get a generated one).');
    }
    return run(reply, async () => {
      assertRole(role);
      const created = await service.add(ctx(request), name, role, password || undefined);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ user: created.user, ...(created.generated ? { password: created.password } : {}) });
    });
  });

  server.patch<NameParams>('/api/users/:name', admin, async (request, reply): Promise<unknown> => {
    const { role, disabled } = bodyOf(request);
    if (!optionalString(role) || (disabled !== undefined && typeof disabled !== 'boolean') || (role === undefined && disabled === undefined)) {
      return sendSecurityError(reply, 'PROPO_ERR_VALIDATION', 'Send JSON {"role": "user"|"admin"} and/or {"disabled": true|false}.');
    }
    if (self(request) && (disabled === true || role === 'user')) {
      return sendSecurityError(reply, 'PROPO_ERR_CONFLICT', 'You cannot disable your own account or take away your own admin role. Ask another admin.');
    }
    return run(reply, async () => {
      if (role !== undefined) {
        assertRole(role);
        service.setRole(ctx(request), request.params.name, role);
      }
      if (disabled !== undefined) await service.setDisabled(ctx(request), request.params.name, disabled);
      return { user: deps.users.find(request.params.name) };
    });
  });

  server.post<NameParams>('/api/users/:name/password', admin, async (request, reply): Promise<unknown> => {
    const { password } = bodyOf(request);
    if (!optionalString(password)) return sendSecurityError(reply, 'PROPO_ERR_VALIDATION', 'Send JSON {"password": "..."}, or {} to get a generated one.');
    return run(reply, async () => {
      const outcome = await service.setPassword(ctx(request), request.params.name, password || undefined);
      reply.header('cache-control', 'no-store');
      return { name: request.params.name, loggedOut: true, ...(outcome.generated ? { password: outcome.password } : {}) };
    });
  });

  server.delete<NameParams>('/api/users/:name', admin, async (request, reply): Promise<unknown> => {
    if (self(request)) return sendSecurityError(reply, 'PROPO_ERR_CONFLICT', 'You cannot remove your own account. Ask another admin.');
    return run(reply, async () => {
      await service.remove(ctx(request), request.params.name);
      return { removed: request.params.name };
    });
  });

  server.get<NameParams>('/api/users/:name/tokens', admin, async (request, reply) => run(reply, () => ({ tokens: service.tokens(request.params.name) })));

  server.post<NameParams>('/api/users/:name/tokens', admin, async (request, reply): Promise<unknown> => {
    const { label = 'web' } = bodyOf(request);
    if (typeof label !== 'string' || label.trim() === '') return sendSecurityError(reply, 'PROPO_ERR_VALIDATION', 'Send JSON {"label": "what the token is for"}.');
    return run(reply, () => {
      const token = service.createToken(ctx(request), request.params.name, label.trim());
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ token, tokens: service.tokens(request.params.name) });
    });
  });

  server.delete<{ Params: { name: string; id: string } }>('/api/users/:name/tokens/:id', admin, async (request, reply) => run(reply, () => {
    service.revokeToken(ctx(request), request.params.name, request.params.id);
    return { revoked: request.params.id };
  }));
}
