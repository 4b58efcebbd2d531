/** Counts and times every answered request under its route pattern (never the raw URL). */
import type { FastifyInstance } from 'fastify';
import type { PropoMetrics } from '../observability/index.ts';
import { observeRequest } from '../observability/index.ts';

export function registerRequestMetrics(server: FastifyInstance, metrics: PropoMetrics): void {
  server.addHook('onResponse', async (request, reply) => {
    observeRequest(metrics, {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });
}
