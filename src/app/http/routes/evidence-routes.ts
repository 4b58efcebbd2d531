/**
 * Reading the evidence (issue 15): the kept original of a document (`GET /api/documents/:id/original`,
 * same auth as every API route) and the pdf.js text items of a cited PDF span
 * (`GET /api/citations/pdf-items?marker=`), which the browser highlights on the rendered page, and the source
 * of a Markdown or TXT citation (`GET /api/citations/source?marker=`), which it renders with the span marked.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PropoError } from '../../../core/errors/index.ts';
import type { PropoApp } from '../../compose.ts';
import { pdfSpan } from '../citations/pdf-span.ts';
import { textSource } from '../citations/text-source.ts';

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  markdown: 'text/plain; charset=utf-8',
  html: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  epub: 'application/epub+zip',
};

export async function evidenceRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;

  server.get<{ Params: { id: string }; Querystring: { download?: boolean } }>('/api/documents/:id/original', {
    schema: {
      tags: ['documents'],
      summary: 'The original file as uploaded (PDFs inline for the page viewer; `download=true` as an attachment). HTML is sent as text, never rendered.',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
      querystring: { type: 'object', properties: { download: { type: 'boolean' } } },
    },
  }, async (request, reply) => {
    const doc = app.documents.findById(request.params.id);
    if (!doc || doc.status !== 'ingested' || doc.namespace !== app.config.namespace) {
      throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${request.params.id}. Refresh the document list.`);
    }
    const path = join(app.config.dataDir, 'files', doc.sha256);
    if (!existsSync(path)) throw new PropoError('PROPO_ERR_NOT_FOUND', `The original of ${doc.file} is no longer kept. Upload it again.`);
    const name = app.originalNames.of(doc.id).originalName ?? doc.file;
    const disposition = request.query.download === true || doc.kind !== 'pdf' ? 'attachment' : 'inline';
    return reply
      .type(CONTENT_TYPES[doc.kind] ?? 'application/octet-stream')
      .header('content-disposition', `${disposition}; filename="${doc.file.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=300')
      .send(createReadStream(path));
  });

  server.get<{ Querystring: { marker: string } }>('/api/citations/pdf-items', {
    schema: {
      tags: ['citations'],
      summary: 'For a PDF citation: which pdf.js text items (getTextContent() order, default options) and which characters of each the span covers; `matches: false` when the page was stored by an older parser.',
      querystring: { type: 'object', required: ['marker'], properties: { marker: { type: 'string', minLength: 3, maxLength: 400 } } },
    },
  }, async (request) => pdfSpan(app, request.query.marker));

  server.get<{ Querystring: { marker: string } }>('/api/citations/source', {
    schema: {
      tags: ['citations'],
      summary: 'For a Markdown or TXT citation: the page as written (`format` markdown or text) and the cited span in it.',
      querystring: { type: 'object', required: ['marker'], properties: { marker: { type: 'string', minLength: 3, maxLength: 400 } } },
    },
  }, async (request) => textSource(app, request.query.marker));
}
