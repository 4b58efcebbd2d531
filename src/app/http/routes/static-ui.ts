/**
 * The web UI: static files from src/app/web/public (no build step, no CDN). They are public
 * routes — the login form is part of them; every API call they make is still authorised.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_ROOT = fileURLToPath(new URL('../../web/public/', import.meta.url));

/** pdf.js for the page viewer, served from the installed package (no CDN): the browser build, its worker, fonts and CMaps. */
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const PDFJS_FILES = /^\/(build\/pdf(\.worker)?\.min\.mjs|standard_fonts\/[\w.-]+|cmaps\/[\w.-]+|wasm\/[\w.-]+)$/;

export async function staticUi(server: FastifyInstance): Promise<void> {
  server.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  // One route per file (wildcard: false): unknown paths reach the not-found handler, not the file server.
  await server.register(fastifyStatic, {
    root: PDFJS_ROOT, prefix: '/vendor/pdfjs/', decorateReply: false, wildcard: true, index: false,
    allowedPath: (path) => PDFJS_FILES.test(path), maxAge: 86_400_000, cacheControl: true, etag: true,
  });
  await server.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', wildcard: false, index: ['index.html'], maxAge: 0, cacheControl: true, etag: true });
}
