/** OpenAPI document (`/api/docs/json`) and Swagger UI (`/api/docs`), assets served locally. */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { APP_VERSION } from '../app-version.ts';

export async function registerOpenApi(server: FastifyInstance): Promise<void> {
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Propo API',
        version: APP_VERSION,
        description: 'Answers only from your documents, with citations [file:page:start-end] to exact character spans. Errors are `{ error: { code, message } }` (docs/errors.md).',
      },
      tags: ['chat', 'sessions', 'documents', 'citations', 'costs', 'config', 'evaluation', 'openai', 'health'].map((name) => ({ name })),
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'propo_session' } } },
    },
  });
}

/** Registered after the routes so the UI's own routes stay out of the document. */
export async function registerApiDocsUi(server: FastifyInstance): Promise<void> {
  await server.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false, uiConfig: { docExpansion: 'list', deepLinking: false } });
}
