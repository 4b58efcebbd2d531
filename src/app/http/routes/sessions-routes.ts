/** Chat sessions: list, get, rename, delete and export (Markdown or JSON). */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';
import { exportFileName, sessionToMarkdown } from '../chat/export-session.ts';
import { canSee, findSession } from '../chat/find-session.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;

/** About 160 characters of `text` around the first case-insensitive occurrence of `query`. */
function snippetAround(text: string | null, query: string): string | null {
  if (text === null) return null;
  const at = Math.max(0, text.toLowerCase().indexOf(query.toLowerCase()));
  const from = Math.max(0, at - 60);
  const to = Math.min(text.length, at + query.length + 100);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

export async function sessionsRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { chats } = options.app;

  server.get('/api/sessions', { schema: { tags: ['sessions'], summary: 'Chat sessions of the current user, newest first.' } }, async (request) => {
    const user = request.user;
    const list = user && user.role !== 'admin' ? chats.list(user.name) : chats.list();
    return { sessions: list.filter((s) => canSee(s, user)) };
  });

  server.get<{ Querystring: { q: string } }>('/api/sessions/search', {
    schema: {
      tags: ['sessions'], summary: 'Past chats whose title or messages contain `q` (case-insensitive), newest first, with a snippet around the first match.',
      querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
  }, async (request) => {
    const user = request.user;
    const query = request.query.q.trim();
    const found = query === '' ? [] : chats.search(query, user && user.role !== 'admin' ? user.name : null);
    return { query, sessions: found.filter((s) => canSee(s, user)).map((s) => ({ ...s, snippet: snippetAround(s.snippet, query) })) };
  });

  server.post<{ Body: { title?: string } }>('/api/sessions', {
    schema: { tags: ['sessions'], summary: 'Create an empty chat session.', body: { type: 'object', properties: { title: { type: 'string', maxLength: 200 } } } },
  }, async (request, reply) => {
    const session = chats.create(request.body?.title?.trim() || 'New chat', request.user?.name ?? null);
    return reply.status(201).send(session);
  });

  server.get<{ Params: { id: string } }>('/api/sessions/:id', {
    schema: { tags: ['sessions'], summary: 'A session with its messages (answers carry citations and usage).', params: idParams },
  }, async (request) => findSession(chats, request.params.id, request.user));

  server.patch<{ Params: { id: string }; Body: { title: string } }>('/api/sessions/:id', {
    schema: {
      tags: ['sessions'], summary: 'Rename a session.', params: idParams,
      body: { type: 'object', required: ['title'], additionalProperties: false, properties: { title: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
  }, async (request) => {
    findSession(chats, request.params.id, request.user);
    chats.rename(request.params.id, request.body.title.trim());
    return findSession(chats, request.params.id, request.user);
  });

  server.delete<{ Params: { id: string } }>('/api/sessions/:id', {
    schema: { tags: ['sessions'], summary: 'Delete a session and its messages.', params: idParams },
  }, async (request) => {
    findSession(chats, request.params.id, request.user);
    chats.delete(request.params.id);
    return { deleted: true, id: request.params.id };
  });

  server.get<{ Params: { id: string }; Querystring: { format?: 'md' | 'json' } }>('/api/sessions/:id/export', {
    schema: {
      tags: ['sessions'], summary: 'Download a session as Markdown (default) or JSON.', params: idParams,
      querystring: { type: 'object', properties: { format: { type: 'string', enum: ['md', 'json'] } } },
    },
  }, async (request, reply) => {
    const session = findSession(chats, request.params.id, request.user);
    const format = request.query.format ?? 'md';
    void reply.header('content-disposition', `attachment; filename="${exportFileName(session, format)}"`);
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(session, null, 2));
    return reply.type('text/markdown; charset=utf-8').send(sessionToMarkdown(session));
  });
}
