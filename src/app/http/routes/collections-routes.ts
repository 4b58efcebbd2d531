/**
 * Collections: list, create, rename / set the system prompt, delete, and add or remove documents.
 * Reading is for every signed-in user; changing them is for admins (as uploading is).
 */
import type { FastifyInstance } from 'fastify';
import { PropoError } from '../../../core/errors/index.ts';
import { MAX_COLLECTION_NAME, MAX_COLLECTION_PROMPT } from '../../../providers/stores/sqlite/collection-repository.ts';
import type { PropoApp } from '../../compose.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;
const documentIds = { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 1000 } as const;
const systemPrompt = { anyOf: [{ type: 'string', maxLength: MAX_COLLECTION_PROMPT }, { type: 'null' }] } as const;

interface CreateBody { name: string; systemPrompt?: string | null; documentIds?: string[] }
interface UpdateBody { name?: string; systemPrompt?: string | null }

export async function collectionsRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  /** Only ingested documents of this namespace may join a collection. */
  const checkDocuments = (ids: string[]): string[] => {
    const missing = ids.filter((id) => { const doc = app.documents.findById(id); return !doc || doc.status !== 'ingested' || doc.namespace !== app.config.namespace; });
    if (missing.length) throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` (and ${missing.length - 3} more)` : ''}. Refresh the document list.`);
    return ids;
  };

  server.get('/api/collections', { schema: { tags: ['collections'], summary: 'Collections with their document ids and system prompt.' } }, async () => ({ collections: app.collections.list() }));

  server.get<{ Params: { id: string } }>('/api/collections/:id', { schema: { tags: ['collections'], summary: 'One collection (by id or name).', params: idParams } },
    async (request) => app.collections.get(request.params.id));

  server.post<{ Body: CreateBody }>('/api/collections', {
    config: { role: 'admin' },
    schema: {
      tags: ['collections'], summary: 'Create a collection (name, optional systemPrompt and documentIds).',
      body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', maxLength: MAX_COLLECTION_NAME * 2 }, systemPrompt, documentIds } },
    },
  }, async (request, reply) => {
    const created = app.collections.create({ name: request.body.name, systemPrompt: request.body.systemPrompt ?? null, documentIds: checkDocuments(request.body.documentIds ?? []) });
    return reply.code(201).send(created);
  });

  server.patch<{ Params: { id: string }; Body: UpdateBody }>('/api/collections/:id', {
    config: { role: 'admin' },
    schema: {
      tags: ['collections'], summary: 'Rename a collection or set its system prompt (null clears it).', params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: MAX_COLLECTION_NAME * 2 }, systemPrompt } },
    },
  }, async (request) => app.collections.update(request.params.id, {
    ...(request.body.name === undefined ? {} : { name: request.body.name }),
    ...(request.body.systemPrompt === undefined ? {} : { systemPrompt: request.body.systemPrompt }),
  }));

  server.delete<{ Params: { id: string } }>('/api/collections/:id', {
    config: { role: 'admin' },
    schema: { tags: ['collections'], summary: 'Delete a collection (its documents stay in the library).', params: idParams },
  }, async (request) => {
    const collection = app.collections.get(request.params.id);
    app.collections.remove(collection.id);
    return { deleted: collection.id };
  });

  server.post<{ Params: { id: string }; Body: { add?: string[]; remove?: string[] } }>('/api/collections/:id/documents', {
    config: { role: 'admin' },
    schema: {
      tags: ['collections'], summary: 'Add and/or remove documents ({ add: [ids], remove: [ids] }).', params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { add: documentIds, remove: documentIds } },
    },
  }, async (request) => {
    const key = request.params.id;
    app.collections.get(key);
    if (request.body.add?.length) app.collections.addDocuments(key, checkDocuments(request.body.add));
    if (request.body.remove?.length) app.collections.removeDocuments(key, request.body.remove);
    return app.collections.get(key);
  });
}
