/**
 * Builds the web/API server (no listen): security first, then error handling, metrics, OpenAPI,
 * one encapsulated plugin per feature, and the static UI. Tests drive it with `server.inject`.
 */
import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { PropoApp } from '../compose.ts';
import { registerSecurity, type SecurityOptions } from '../security/register-security.ts';
import { registerErrorHandling } from './error-handler.ts';
import { healthPlugin } from './health/health-plugin.ts';
import { Readiness } from './readiness.ts';
import { serverTimeouts } from './server-timeouts.ts';
import { registerRequestMetrics } from './request-metrics.ts';
import { registerApiDocsUi, registerOpenApi } from './routes/api-docs.ts';
import { chatRoutes } from './routes/chat-routes.ts';
import { collectionsRoutes } from './routes/collections-routes.ts';
import { citationsRoutes } from './routes/citations-routes.ts';
import { configRoutes } from './routes/config-routes.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { costsRoutes } from './routes/costs-routes.ts';
import { documentsRoutes } from './routes/documents-routes.ts';
import { urlRoutes } from './routes/url-routes.ts';
import { watchRoutes } from './routes/watch-routes.ts';
import { evalRoutes } from './routes/eval-routes.ts';
import { evidenceRoutes } from './routes/evidence-routes.ts';
import { examplesRoutes } from './routes/examples-routes.ts';
import { mcpRoutes } from './routes/mcp-routes.ts';
import { retrievalStatusRoutes } from './routes/retrieval-status-routes.ts';
import { openAiRoutes } from './routes/openai-routes.ts';
import { sessionsRoutes } from './routes/sessions-routes.ts';
import { staticUi } from './routes/static-ui.ts';

export interface BuildServerOptions {
  /** Shared with the metrics server; ready by default (the app is built when this is called). */
  readiness?: Readiness;
  /** Security-layer options (e.g. a test's short login lockout policy). */
  security?: SecurityOptions;
}

export async function buildServer(app: PropoApp, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const readiness = options.readiness ?? new Readiness(true);
  const server = Fastify({
    loggerInstance: app.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: Math.round(app.config.server.bodyLimitMb * 1024 * 1024),
    trustProxy: app.config.server.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    // Issue 14 item 15: slow or silent clients are cut off (headers, whole request, idle socket).
    ...serverTimeouts(app.config.server),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  await registerSecurity(server, app, options.security);
  registerErrorHandling(server);
  registerRequestMetrics(server, app.metrics);
  server.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    return payload;
  });
  await registerOpenApi(server);
  // An oversized file becomes a per-file failure (read-uploads.ts), not a failed batch.
  await server.register(fastifyMultipart, { throwFileSizeLimit: false });

  const deps = { app };
  await server.register(healthPlugin, { app, readiness });
  await server.register(chatRoutes, deps);
  await server.register(sessionsRoutes, deps);
  await server.register(documentsRoutes, deps);
  await server.register(urlRoutes, deps);
  await server.register(watchRoutes, deps);
  await server.register(collectionsRoutes, deps);
  await server.register(citationsRoutes, deps);
  await server.register(evidenceRoutes, deps);
  await server.register(costsRoutes, deps);
  await server.register(configRoutes, deps);
  await server.register(settingsRoutes, deps);
  await server.register(evalRoutes, deps);
  await server.register(examplesRoutes, deps);
  await server.register(retrievalStatusRoutes, deps);
  await server.register(openAiRoutes, deps);
  await server.register(mcpRoutes, deps);
  await server.register(registerApiDocsUi);
  await server.register(staticUi);
  return server;
}
