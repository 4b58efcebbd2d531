/** Admin API for accounts: GET/POST /api/users, DELETE /api/users/:name (admin only). */
import type { FastifyInstance } from 'fastify';
import { isPropoError } from '../../core/errors/index.ts';
import type { AuditEvent } from './audit-log.ts';
import { sendSecurityError } from './send-security-error.ts';
import type { SessionStore } from './session-store.ts';
import type { UserRepository } from './user-repository.ts';

export interface UsersRoutesDeps { users: UserRepository; sessions: SessionStore; audit: (event: AuditEvent) => void }

export function registerUsersRoutes(server: FastifyInstance, deps: UsersRoutesDeps): void {
  const { users, sessions, audit } = deps;
  const admin = { config: { role: 'admin' as const } };

  server.get('/api/users', admin, async () => ({ users: users.list().map((u) => ({ ...u, tokens: users.tokenCount(u.name) })) }));

  server.post('/api/users', admin, async (request, reply): Promise<unknown> => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const { name, role = 'user', password } = body;
    if (typeof name !== 'string' || typeof role !== 'string' || typeof password !== 'string') {
      return sendSecurityError(reply, 'PROPO_ERR_VALIDATION', 'Send JSON {"name": "...", "role": "user"|"admin", "password": "..."}.');
    }
    try {
      const created = await users.add(name, role as 'user', password);
      audit({ type: 'USER_CHANGED', user: request.user?.name ?? null, ip: request.ip, requestId: request.id, details: { action: 'add', target: name, role: created.role } });
      return reply.code(201).send({ user: created });
    } catch (error) {
      if (isPropoError(error)) return sendSecurityError(reply, error.code, error.message);
      throw error;
    }
  });

  server.delete<{ Params: { name: string } }>('/api/users/:name', admin, async (request, reply): Promise<unknown> => {
    const { name } = request.params;
    if (name === request.user?.name) return sendSecurityError(reply, 'PROPO_ERR_CONFLICT', 'You cannot remove your own account. Ask another admin.');
    if (!users.find(name)) return sendSecurityError(reply, 'PROPO_ERR_NOT_FOUND', `No user ${name.slice(0, 64)}.`);
    await sessions.deleteForUser(name);
    users.remove(name);
    audit({ type: 'USER_CHANGED', user: request.user?.name ?? null, ip: request.ip, requestId: request.id, details: { action: 'remove', target: name } });
    return { removed: name };
  });
}
