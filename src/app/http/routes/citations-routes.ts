/** `GET /api/citations/resolve?marker=[file:page:start-end]`: the cited span with its paragraph and page. */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';
import { resolveCitation } from '../citations/resolve-citation.ts';

export async function citationsRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.get<{ Querystring: { marker: string } }>('/api/citations/resolve', {
    schema: {
      tags: ['citations'],
      summary: 'Resolve a citation marker to its exact text (pageText.slice(start, end)), paragraph and page text; 404 when absent.',
      querystring: { type: 'object', required: ['marker'], properties: { marker: { type: 'string', minLength: 3, maxLength: 400 } } },
    },
  }, async (request) => resolveCitation(app.documents, app.config.namespace, request.query.marker));
}
