import type { Command } from 'commander';
import { type CliContext } from '../cli-context.ts';

export function registerServe(program: Command, ctx: CliContext): void {
  program.command('serve').description('Start the web app and API on :7860 and health/metrics on :8000.')
    .option('--port <port>', 'web/API port (default $PORT or 7860)')
    .option('--metrics-port <port>', 'health/metrics port (default $METRICS_PORT or 8000)')
    .option('--host <host>', 'bind address')
    .action(async (options: { port?: string; metricsPort?: string; host?: string }) => {
      const extra: Record<string, unknown> = {};
      if (options.port) extra['server.port'] = options.port;
      if (options.metricsPort) extra['server.metricsPort'] = options.metricsPort;
      if (options.host) extra['server.host'] = options.host;
      ctx.overrides = { ...ctx.overrides, ...extra };
      ctx.appOverrides = { ...ctx.appOverrides, logToStdout: true };
      const app = await ctx.open();
      const { startServer } = await import('../../http/start-server.ts');
      await startServer(app);
    });
}
