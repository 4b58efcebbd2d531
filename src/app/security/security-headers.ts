/**
 * Security headers (@fastify/helmet) with a strict same-origin CSP, and CORS only for the
 * origins listed in server.corsOrigins (none by default: the UI and API share one origin).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { PropoConfig } from '../../core/config/index.ts';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export async function registerSecurityHeaders(server: FastifyInstance, config: PropoConfig): Promise<void> {
  await server.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, ...(config.server.trustProxy ? { upgradeInsecureRequests: [] } : {}) } },
    strictTransportSecurity: config.server.trustProxy ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  const allowed = new Set(config.server.corsOrigins);
  if (allowed.size === 0) return;
  server.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return undefined;
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (request.method !== 'OPTIONS') return undefined;
    return reply.code(204)
      .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
      .header('access-control-allow-headers', 'authorization, content-type, x-csrf-token')
      .header('access-control-max-age', '600')
      .send();
  });
}
