/**
 * One MCP server over a Propo app: the tools (mcp-tools.ts) and every ingested document as a
 * resource `propo://documents/{id}`, one text content per page (offsets in citations index it).
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { PropoError } from '../../core/errors/index.ts';
import type { PropoApp } from '../compose.ts';
import { APP_VERSION } from '../http/app-version.ts';
import { registerMcpTools, type McpCaller } from './mcp-tools.ts';

export const MCP_INSTRUCTIONS = 'Propo answers only from the user\'s own documents. Cite statements with the [file:page:start-end] markers the tools return; `cite` resolves one to its exact text.';

export function createMcpServer(app: PropoApp, caller: McpCaller = { user: null }): McpServer {
  const server = new McpServer({ name: 'propo', version: APP_VERSION }, { instructions: MCP_INSTRUCTIONS });
  registerMcpTools(server, app, caller);
  const visible = () => app.documents.list({ namespace: app.config.namespace }).filter((d) => d.status === 'ingested');

  server.registerResource('document', new ResourceTemplate('propo://documents/{id}', {
    list: () => ({ resources: visible().map((d) => ({ uri: `propo://documents/${d.id}`, name: d.file, description: `${d.pages} pages, ${d.propositions} propositions`, mimeType: 'text/plain' })) }),
  }), { description: 'An ingested document: its stored page texts, one content per page.', mimeType: 'text/plain' }, (uri, { id }) => {
    const doc = visible().find((d) => d.id === String(id));
    if (!doc) throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${String(id)}. Call list_documents to see ids.`);
    return {
      contents: app.documents.pages(doc.id).map((page) => ({
        uri: `${uri.href}/pages/${page.number}`, mimeType: 'text/plain', text: page.text,
        _meta: { file: doc.file, page: page.number, citationPrefix: `[${doc.file}:${page.number}:` },
      })),
    };
  });
  return server;
}
