import type { Command } from 'commander';
import { type CliContext } from '../cli-context.ts';

export function registerMcp(program: Command, ctx: CliContext): void {
  program.command('mcp').description('Run the MCP server on stdio (for Claude Desktop, IDEs, scripts).')
    .action(async () => {
      // Logs go to the log dir, never stdout: stdout carries the JSON-RPC stream.
      const [{ StdioServerTransport }, { createMcpServer }] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/stdio.js'), import('../../mcp/create-mcp-server.ts'),
      ]);
      const app = await ctx.open();
      const server = createMcpServer(app);
      const transport = new StdioServerTransport();
      const stop = async () => { await server.close(); await ctx.close(); process.exit(0); };
      transport.onclose = () => { void stop(); };
      process.stdin.once('end', () => { void stop(); });
      process.once('SIGTERM', () => { void stop(); });
      await server.connect(transport);
    });
}
