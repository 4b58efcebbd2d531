/** `GET /api/retrieval`: how questions are searched (hybrid or BM25-only) and, when semantic search is off, why. */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';
import { retrievalStatus } from '../health/run-health-checks.ts';

export async function retrievalStatusRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.get('/api/retrieval', {
    schema: { tags: ['chat'], summary: 'Retrieval mode (hybrid or bm25), the embedder in use and the notice shown when semantic search is off.' },
  }, async () => retrievalStatus(app));
}
