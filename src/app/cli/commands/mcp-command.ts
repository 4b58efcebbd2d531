import type { Command } from 'commander';
import { action, type CliContext } from '../cli-context.ts';

export function registerMcp(program: Command, ctx: CliContext): void {
  program.command('mcp').description('Run the MCP server on stdio (for Claude Desktop, IDEs, scripts).')
    .action(action(ctx, async () => {
      // Logs go to the log dir, never stdout: stdout carries the JSON-RPC stream.
      const [{ StdioServerTransport }, { createMcpServer }] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/stdio.js'), import('../../mcp/create-mcp-server.ts'),
      ]);
      const app = await ctx.open();
      const server = createMcpServer(app);
      const transport = new StdioServerTransport();
      // Runs until the client closes stdin or the process is told to stop; action() then closes the app.
      const closed = new Promise<void>((done) => {
        transport.onclose = () => done();
        process.stdin.once('end', () => done());
        process.once('SIGTERM', () => done());
        process.once('SIGINT', () => done());
      });
      await server.connect(transport);
      await closed;
      await server.close();
    }));
}
