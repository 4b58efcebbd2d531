/**
 * `/mcp`: the MCP server over streamable HTTP (stateless: a fresh server and transport per POST,
 * JSON responses). Registered like every other route, so the auth hook (API token or session),
 * the 'chat' rate limit and the audit log apply; it is not a side door.
 */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';

export async function mcpRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.post('/mcp', { config: { rateLimit: 'chat' }, schema: { hide: true } }, async (request, reply) => {
    const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('../../mcp/create-mcp-server.ts'),
    ]);
    const mcp = createMcpServer(app, { user: request.user?.name ?? null });
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }) // no sessionIdGenerator: stateless;
    reply.raw.once('close', () => { void transport.close(); void mcp.close(); });
    await mcp.connect(transport);
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });
  // Stateless: no server-initiated stream and no session to end.
  const notAllowed = { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless; POST JSON-RPC to /mcp.' }, id: null };
  server.get('/mcp', { schema: { hide: true } }, async (_request, reply) => reply.code(405).header('allow', 'POST').send(notAllowed));
  server.delete('/mcp', { schema: { hide: true } }, async (_request, reply) => reply.code(405).header('allow', 'POST').send(notAllowed));
}
