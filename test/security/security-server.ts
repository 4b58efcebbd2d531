/** A small Fastify server with the real security layer and a few probe routes (for timing-sensitive tests). */
import Fastify, { type FastifyInstance } from 'fastify';
import type { PropoApp } from '../../src/app/compose.ts';
import { registerSecurity, type SecurityContext, type SecurityOptions } from '../../src/app/security/register-security.ts';

export async function buildSecurityServer(app: PropoApp, options: SecurityOptions = {}): Promise<{ server: FastifyInstance; security: SecurityContext }> {
  const server = Fastify({ bodyLimit: Math.round(app.config.server.bodyLimitMb * 1024 * 1024) });
  const security = await registerSecurity(server, app, options);
  server.get('/api/documents', async (request) => ({ user: request.user }));
  server.post('/api/chat', { config: { rateLimit: 'chat' } }, async () => ({ answer: 'ok' }));
  server.post('/api/slow-chat', { config: { rateLimit: 'chat' } }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { answer: 'slow' };
  });
  server.post('/api/documents', { config: { role: 'admin', rateLimit: 'upload' } }, async () => ({ uploaded: true }));
  await server.ready();
  return { server, security };
}
