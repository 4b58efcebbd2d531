/**
 * `/health` (liveness, cheap), `/health?detailed=true` (every dependency) and `/ready`.
 * Registered on both the web server (:7860, Docker healthcheck) and the metrics server (:8000).
 */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';
import { APP_VERSION } from '../app-version.ts';
import type { Readiness } from '../readiness.ts';
import { runHealthChecks, uptimeSeconds } from './run-health-checks.ts';

export interface HealthPluginOptions { app: PropoApp; readiness: Readiness }

const checkSchema = {
  type: 'object',
  properties: { status: { type: 'string' }, latencyMs: { type: 'number' }, detail: { type: 'string' } },
} as const;

export async function healthPlugin(server: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  const { app, readiness } = options;
  server.get('/health', {
    config: { public: true },
    schema: {
      tags: ['health'],
      summary: 'Liveness; with ?detailed=true, every dependency (200 healthy/degraded, 503 unhealthy).',
      querystring: { type: 'object', properties: { detailed: { type: 'boolean' } } },
      response: {
        '2xx': {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['healthy', 'degraded', 'unhealthy'] }, version: { type: 'string' }, uptimeSeconds: { type: 'number' },
            checks: { type: 'object', additionalProperties: checkSchema },
            retrieval: {
              type: 'object',
              properties: { mode: { type: 'string', enum: ['hybrid', 'bm25'] }, embedder: { type: 'string' }, source: { type: 'string' }, notice: { type: 'string' } },
            },
          },
        },
      },
    },
  }, async (request, reply) => {
    const { detailed } = request.query as { detailed?: boolean };
    if (!detailed) return { status: 'healthy', version: APP_VERSION, uptimeSeconds: uptimeSeconds(app) };
    const report = await runHealthChecks(app, APP_VERSION);
    return reply.status(report.status === 'unhealthy' ? 503 : 200).send(report);
  });

  server.get('/ready', {
    config: { public: true },
    schema: { tags: ['health'], summary: '200 once the app is built and crash recovery ran; 503 while starting or draining.' },
  }, async (_request, reply) => {
    if (readiness.ready) return { ready: true };
    return reply.status(503).send({ ready: false, reason: readiness.notReadyReason });
  });
}
