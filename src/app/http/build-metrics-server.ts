/** The small health/metrics server (:8000): `/health`, `/health?detailed=true`, `/ready`, `/metrics`. */
import type { RequestListener } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { PropoApp } from '../compose.ts';
import { registerErrorHandling } from './error-handler.ts';
import { healthPlugin } from './health/health-plugin.ts';
import type { BootHealthServer } from './health/boot-health.ts';
import type { Readiness } from './readiness.ts';

/**
 * With `boot`, the server takes over the socket the start-up health server already listens on: it is made ready
 * here and then handed the socket's requests (no `listen`; closing the socket stays with `boot`).
 */
export async function buildMetricsServer(app: PropoApp, readiness: Readiness, boot?: BootHealthServer): Promise<FastifyInstance> {
  let fastifyHandler: RequestListener | null = null;
  const server = Fastify({
    loggerInstance: app.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), return503OnClosing: true,
    ...(boot ? { serverFactory: (handler: RequestListener) => { fastifyHandler = handler; return boot.server; } } : {}),
  });
  registerErrorHandling(server);
  await server.register(healthPlugin, { app, readiness });
  server.get('/metrics', async (_request, reply) => {
    const text = await app.metrics.registry.metrics();
    return reply.type(app.metrics.registry.contentType).send(text);
  });
  if (boot && fastifyHandler) {
    await server.ready();
    boot.handOver(fastifyHandler);
  }
  return server;
}
