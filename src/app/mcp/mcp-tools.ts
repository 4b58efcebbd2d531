/**
 * The MCP tools: search, ask, cite, list_documents and (when mcp.ingestEnabled) ingest_path.
 * Every span in a result carries its `[file:page:start-end]` marker (pageText.slice(start, end)).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isPropoError, PropoError } from '../../core/errors/index.ts';
import { scopeToCollection } from '../collection-scope.ts';
import type { PropoApp } from '../compose.ts';
import { resolveCitation } from '../http/citations/resolve-citation.ts';

/** Who is calling (the HTTP user, or null over stdio / with auth off). */
export interface McpCaller { user: string | null }

const marker = (s: { file: string; page: number; start: number; end: number }) => `[${s.file}:${s.page}:${s.start}-${s.end}]`;

function json(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** Runs a tool body; a typed error becomes an MCP tool error carrying its code and what to do. */
async function run(body: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return json(await body());
  } catch (error) {
    const text = isPropoError(error) ? `${error.code}: ${error.message}` : `PROPO_ERR_INTERNAL: ${(error as Error).message}`;
    return { isError: true, content: [{ type: 'text', text }] };
  }
}

export function registerMcpTools(server: McpServer, app: PropoApp, caller: McpCaller): void {
  const namespace = app.config.namespace;
  const k = z.number().int().min(1).max(50).optional().describe('how many results (default from retrieval.k)');
  const collection = z.string().min(1).max(200).optional().describe('a collection id or name: search only its documents');

  server.registerTool('search', {
    description: 'Search your documents. Returns ranked propositions, each with its [file:page:start-end] citation and the paragraph around it.',
    inputSchema: { query: z.string().min(1).max(2000), k, collection },
  }, ({ query, k: limit, collection: scope }) => run(async () => {
    const documentIds = scope ? scopeToCollection(app.collections, { collection: scope }).documentIds : undefined;
    const { hits, confidence } = await app.retrieve(query, { ...(limit ? { k: limit } : {}), ...(documentIds ? { documentIds } : {}) });
    return {
      confidence,
      results: hits.map((hit, i) => ({
        rank: i + 1, score: hit.score, citation: marker(hit.record), file: hit.record.file, page: hit.record.page,
        start: hit.record.start, end: hit.record.end, text: hit.record.text, documentId: hit.record.documentId,
        context: hit.paragraph ? { citation: marker({ file: hit.record.file, page: hit.paragraph.page, start: hit.paragraph.start, end: hit.paragraph.end }), text: hit.paragraph.text } : null,
      })),
    };
  }));

  server.registerTool('ask', {
    description: 'Ask a question; the answer cites every statement as [file:page:start-end] (only citations that resolve are kept).',
    inputSchema: { question: z.string().min(1).max(4000), k, collection },
  }, ({ question, k: limit, collection: scope }) => run(async () => {
    const result = await app.ask(question, { ...(limit ? { k: limit } : {}), ...(scope ? { collection: scope } : {}), ...(caller.user ? { user: caller.user } : {}) });
    return {
      answer: result.answer, mode: result.mode,
      citations: result.citations.map((c) => ({ citation: c.marker, file: c.file, page: c.page, start: c.start, end: c.end, text: c.text, documentId: c.documentId })),
      unsupportedSentences: result.sentences.filter((s) => !s.supported).map((s) => s.text),
    };
  }));

  server.registerTool('cite', {
    description: 'Resolve a citation [file:page:start-end] to its exact text, its paragraph and its page.',
    inputSchema: { citation: z.string().min(3).max(400) },
  }, ({ citation }) => run(async () => {
    const span = resolveCitation(app.documents, namespace, citation);
    return { citation: marker(span), file: span.file, page: span.page, start: span.start, end: span.end, text: span.text, documentId: span.documentId, paragraph: span.paragraph, pageText: span.pageText };
  }));

  server.registerTool('list_documents', {
    description: 'List the ingested documents (id, file, pages, propositions). Each is also a resource propo://documents/{id}.',
    inputSchema: { query: z.string().max(200).optional().describe('filter by file name') },
  }, ({ query }) => run(async () => ({
    documents: app.documents.list({ namespace, ...(query ? { query } : {}) }).filter((d) => d.status === 'ingested')
      .map((d) => ({ id: d.id, file: d.file, pages: d.pages, propositions: d.propositions, updatedAt: d.updatedAt, uri: `propo://documents/${d.id}` })),
  })));

  if (!app.config.mcp.ingestEnabled) return;
  server.registerTool('ingest_path', {
    description: 'Ingest a file from this machine (PDF, TXT, Markdown…) by absolute path.',
    inputSchema: { path: z.string().min(1).max(4096) },
  }, ({ path }) => run(async () => {
    const file = resolve(path);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new PropoError('PROPO_ERR_NOT_FOUND', `Cannot read ${file}: ${error.code ?? error.message}. Check the path and permissions.`);
    });
    const result = await app.ingest({ fileName: basename(file), bytes: new Uint8Array(bytes), sourcePath: file });
    app.audit.write({ type: 'MCP_INGEST', user: caller.user, details: { file: result.file, status: result.status, code: result.error?.code } });
    return { id: result.id, file: result.file, status: result.status, pages: result.pages, propositions: result.propositions, ...(result.error ? { error: result.error } : {}) };
  }));
}
