/**
 * Documents: multipart upload of many files (per-file results; `Accept: application/x-ndjson`
 * streams per-file stages as they happen), list/search, get, pages, delete and re-ingest.
 */
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PropoError } from '../../../core/errors/index.ts';
import type { StoredDocument } from '../../../providers/stores/sqlite/index.ts';
import type { PropoApp } from '../../compose.ts';
import { documentSummary, asDocumentResult } from '../documents/document-result.ts';
import { failedIngestionsFor } from '../documents/failed-ingestions.ts';
import { ingestUploads } from '../documents/ingest-uploads.ts';
import { readUploads } from '../documents/read-uploads.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;

export async function documentsRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  const find = (id: string): StoredDocument => {
    const doc = app.documents.findById(id);
    if (!doc || doc.status !== 'ingested' || doc.namespace !== app.config.namespace) {
      throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${id}. Refresh the document list.`);
    }
    return doc;
  };
  const failures = failedIngestionsFor(app.db, app.config.dataDir, app.config.namespace);

  server.post('/api/documents', {
    config: { role: 'admin', rateLimit: 'upload' },
    schema: {
      tags: ['documents'],
      summary: 'Upload and ingest PDF, TXT, Markdown, DOCX, HTML, EPUB, PNG and JPEG files (multipart field "files", optional fields "password" and "ocr": off, auto or force).',
      description: 'Answers `{ documents: [{ id, file, status, pages, propositions, error? }] }`, one item per file. With `Accept: application/x-ndjson` the answer streams one JSON line per event (`file-start`, `file-progress`, `file-end`) and ends with `{ type: "done", documents }`.',
      consumes: ['multipart/form-data'],
    },
  }, async (request, reply) => {
    const maxBytes = Math.round(app.config.maxFileSizeMb * 1024 * 1024);
    const { uploads, password, ocr } = await readUploads(request, maxBytes);
    if (!(request.headers.accept ?? '').includes('application/x-ndjson')) {
      return { documents: await ingestUploads(app, uploads, { password, ocr, failures }) };
    }
    const body = new PassThrough();
    void reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-cache').send(body);
    const write = (line: unknown) => body.write(`${JSON.stringify(line)}\n`);
    write({ type: 'accepted', files: uploads.map((u) => ('bytes' in u ? u.fileName : u.file)) });
    try {
      const documents = await ingestUploads(app, uploads, { password, ocr, onEvent: write, failures });
      write({ type: 'done', documents });
    } finally {
      body.end();
    }
    return reply;
  });

  server.get<{ Querystring: { query?: string; content?: boolean; sort?: 'name' | 'date' | 'pages'; order?: 'asc' | 'desc'; limit?: number; offset?: number } }>('/api/documents', {
    schema: {
      tags: ['documents'],
      summary: 'Ingested documents, newest first; `query` filters by file name (and page text with `content=true`); `sort`, `order`, `limit`/`offset` page the list.',
      description: 'Answers `{ documents, total, offset, limit }`; without `limit` every match is returned (the old shape plus the counts). With `content=true` a document found by its text (not its name) has `matchedContent: true`.',
      querystring: {
        type: 'object',
        properties: {
          query: { type: 'string', maxLength: 200 }, content: { type: 'boolean' },
          sort: { type: 'string', enum: ['name', 'date', 'pages'] }, order: { type: 'string', enum: ['asc', 'desc'] },
          limit: { type: 'integer', minimum: 1, maximum: 500 }, offset: { type: 'integer', minimum: 0 },
        },
      },
    },
  }, async (request) => {
    const { content, sort, order, limit, offset = 0 } = request.query;
    const query = request.query.query?.trim();
    const page = app.documents.listPage({ namespace: app.config.namespace, ...(query ? { query } : {}), content: content === true, ...(sort ? { sort } : {}), ...(order ? { order } : {}), ...(limit ? { limit } : {}), offset });
    const documents = page.documents.map((doc) => ({
      ...documentSummary(doc), ...app.originalNames.of(doc.id),
      ...(query && content && page.contentMatches.has(doc.id) && !doc.file.toLowerCase().includes(query.toLowerCase()) ? { matchedContent: true } : {}),
    }));
    return { documents, total: page.total, offset, limit: limit ?? null };
  });

  server.get('/api/documents/failed', {
    schema: { tags: ['documents'], summary: 'Uploads that failed, newest first, with their error and whether the original was kept for a retry.' },
  }, async () => ({ failed: failures.list() }));

  server.post<{ Params: { id: string }; Body: { password?: string } | null }>('/api/documents/failed/:id/retry', {
    config: { role: 'admin', rateLimit: 'upload' },
    schema: {
      tags: ['documents'], summary: 'Ingest a failed upload again from its kept original (optionally with the PDF password).', params: idParams,
      body: { type: ['object', 'null'], properties: { password: { type: 'string', maxLength: 1024 } }, additionalProperties: false },
    },
  }, async (request) => {
    const failure = failures.find(request.params.id);
    if (!failure) throw new PropoError('PROPO_ERR_NOT_FOUND', 'This failed upload is no longer listed. Refresh the Documents tab.');
    const bytes = await failures.bytes(failure.id);
    if (!bytes) throw new PropoError('PROPO_ERR_NOT_FOUND', `The file ${failure.file} was not kept after it failed. Upload it again.`);
    const password = request.body?.password || undefined;
    const [result] = await ingestUploads(app, [{ fileName: failure.file, bytes }], { password, failures });
    return { documents: result ? [result] : [] };
  });

  server.delete<{ Params: { id: string } }>('/api/documents/failed/:id', {
    config: { role: 'admin' },
    schema: { tags: ['documents'], summary: 'Dismiss a failed upload (and drop its kept original).', params: idParams },
  }, async (request) => {
    if (!(await failures.remove(request.params.id))) throw new PropoError('PROPO_ERR_NOT_FOUND', 'This failed upload is no longer listed. Refresh the Documents tab.');
    return { dismissed: request.params.id };
  });

  server.get<{ Params: { id: string } }>('/api/documents/:id', {
    schema: { tags: ['documents'], summary: 'One document.', params: idParams },
  }, async (request) => ({ ...documentSummary(find(request.params.id)), ...app.originalNames.of(request.params.id) }));

  server.get<{ Params: { id: string } }>('/api/documents/:id/pages', {
    schema: { tags: ['documents'], summary: 'The extracted text of every page.', params: idParams },
  }, async (request) => {
    const doc = find(request.params.id);
    return { id: doc.id, file: doc.file, pages: app.documents.pages(doc.id) };
  });

  server.get<{ Params: { id: string; number: number } }>('/api/documents/:id/pages/:number', {
    schema: {
      tags: ['documents'], summary: 'The extracted text of one page (numbers start at 1).',
      params: { type: 'object', required: ['id', 'number'], properties: { id: { type: 'string', maxLength: 100 }, number: { type: 'integer', minimum: 1 } } },
    },
  }, async (request) => {
    const doc = find(request.params.id);
    const page = app.documents.page(doc.id, request.params.number);
    if (!page) throw new PropoError('PROPO_ERR_NOT_FOUND', `${doc.file} has no page ${request.params.number}; it has ${doc.pages}.`);
    return { id: doc.id, file: doc.file, number: page.number, text: page.text };
  });

  server.delete<{ Params: { id: string } }>('/api/documents/:id', {
    config: { role: 'admin' },
    schema: { tags: ['documents'], summary: 'Delete a document, its propositions and its vectors.', params: idParams },
  }, async (request) => {
    const doc = find(request.params.id);
    const vectors = await app.vectors.count({ documentIds: [doc.id] });
    await app.removeDocument(doc.id);
    // Keep the original bytes only while another namespace still holds the same content.
    if (!app.documents.list({ includePending: true }).some((d) => d.sha256 === doc.sha256)) {
      await unlink(join(app.config.dataDir, 'files', doc.sha256)).catch(() => undefined);
    }
    app.metrics.documents.set(app.documents.counts().documents);
    app.metrics.propositions.set(app.documents.counts().propositions);
    return { deleted: true, id: doc.id, file: doc.file, vectors };
  });

  server.post<{ Params: { id: string } }>('/api/documents/:id/reingest', {
    config: { role: 'admin', rateLimit: 'upload' },
    schema: { tags: ['documents'], summary: 'Ingest a document again from its kept original (e.g. after changing the propositionizer).', params: idParams },
  }, async (request) => {
    const doc = find(request.params.id);
    const bytes = await readFile(join(app.config.dataDir, 'files', doc.sha256)).catch(() => null);
    if (!bytes) throw new PropoError('PROPO_ERR_NOT_FOUND', `The original of ${doc.file} is no longer kept. Upload it again.`);
    const result = await app.ingest({ fileName: doc.file, bytes: new Uint8Array(bytes), sourcePath: doc.sourcePath, force: true });
    return { documents: [asDocumentResult(result)] };
  });
}
