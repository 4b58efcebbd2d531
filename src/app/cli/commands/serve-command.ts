import type { Command } from 'commander';
import { loadConfigModule, type CliContext } from '../cli-context.ts';

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
      await loadConfigModule();
      const config = ctx.config();
      const { assertSafeBind } = await import('../../security/assert-safe-bind.ts');
      assertSafeBind(config);
      // /health answers (status "starting", 503 on /ready) before the providers load (issue 17, decision 0115).
      const { startBootHealthServer } = await import('../../http/health/boot-health.ts');
      const boot = await startBootHealthServer({ host: config.server.host, port: config.server.metricsPort });
      ctx.appOverrides = { ...ctx.appOverrides, logToStdout: true, exposeMetrics: true, onProviderReady: (name) => boot.ready(name) };
      // The HTTP stack (Fastify, its plugins, the routes: ~500 modules) loads while the app builds, whose awaits (the
      // embedder resolution, opening the store) would otherwise leave the process idle (decision 0130).
      const http = import('../../http/start-server.ts');
      http.catch(() => undefined); // a failed import is reported below, after ctx.open()
      try {
        const app = await ctx.open();
        boot.ready('recovery');
        const { startServer } = await http;
        await startServer(app, { boot });
      } catch (error) {
        await boot.close();
        throw error;
      }
    });
}
