/** The small health/metrics server (:8000): `/health`, `/health?detailed=true`, `/ready`, `/metrics`. */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { PropoApp } from '../compose.ts';
import { registerErrorHandling } from './error-handler.ts';
import { healthPlugin } from './health/health-plugin.ts';
import type { Readiness } from './readiness.ts';

export async function buildMetricsServer(app: PropoApp, readiness: Readiness): Promise<FastifyInstance> {
  const server = Fastify({ loggerInstance: app.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), return503OnClosing: true });
  registerErrorHandling(server);
  await server.register(healthPlugin, { app, readiness });
  server.get('/metrics', async (_request, reply) => {
    const text = await app.metrics.registry.metrics();
    return reply.type(app.metrics.registry.contentType).send(text);
  });
  return server;
}
