/**
 * The web UI: static files from src/app/web/public (no build step, no CDN). They are public
 * routes — the login form is part of them; every API call they make is still authorised.
 */
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_ROOT = fileURLToPath(new URL('../../web/public/', import.meta.url));

export async function staticUi(server: FastifyInstance): Promise<void> {
  server.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  // One route per file (wildcard: false): unknown paths reach the not-found handler, not the file server.
  await server.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', wildcard: false, index: ['index.html'], maxAge: 0, cacheControl: true, etag: true });
}
