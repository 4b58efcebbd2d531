/**
 * Web pages by URL (issue 16): `POST /api/documents/url` fetches one page within the web.* limits
 * (SSRF-checked on every hop, size and time bounded) and ingests it with the URL as its source.
 */
import type { FastifyInstance } from 'fastify';
import type { OcrMode } from '../../../core/domain/types.ts';
import type { PropoApp } from '../../compose.ts';
import { asDocumentResult } from '../documents/document-result.ts';

export async function urlRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.post<{ Body: { url: string; ocr?: OcrMode } }>('/api/documents/url', {
    config: { role: 'admin', rateLimit: 'upload' },
    schema: {
      tags: ['documents'],
      summary: 'Fetch a web page (HTML, PDF or text) and ingest it with the URL as its source.',
      description: 'Answers `{ documents: [{ id, file, status, pages, propositions, error?, source }] }` (one item). Private, loopback and link-local addresses (after DNS, on every redirect) are refused with PROPO_ERR_URL_REFUSED unless allowed in web.allowedNetworks.',
      body: {
        type: 'object', required: ['url'], additionalProperties: false,
        properties: { url: { type: 'string', minLength: 1, maxLength: 2048 }, ocr: { type: 'string', enum: ['off', 'auto', 'force'] } },
      },
    },
  }, async (request) => {
    const result = await app.ingestUrl(request.body.url, request.body.ocr ? { ocr: request.body.ocr } : {});
    const source = result.id ? app.documents.findById(result.id)?.sourcePath ?? null : null;
    return { documents: [{ ...asDocumentResult(result), source }] };
  });
}
