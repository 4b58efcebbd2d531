/**
 * Starts the web/API server (:7860) and the health/metrics server (:8000). On SIGTERM/SIGINT it
 * stops accepting, drains in-flight requests, closes the app and exits 0.
 */
import type { FastifyInstance } from 'fastify';
import { startBackupScheduler } from '../ops/backup/backup-scheduler.ts';
import { watchManagerFor } from '../watch/watch-manager.ts';
import type { PropoApp } from '../compose.ts';
import { assertSafeBind } from '../security/assert-safe-bind.ts';
import { buildMetricsServer } from './build-metrics-server.ts';
import { buildServer } from './build-server.ts';
import type { BootHealthServer } from './health/boot-health.ts';
import { Readiness } from './readiness.ts';

export interface RunningServers {
  server: FastifyInstance;
  metricsServer: FastifyInstance;
  /** Base URLs actually bound (ports may be 0 in tests). */
  url: string;
  metricsUrl: string;
  readiness: Readiness;
  /** Drains both servers and closes the app (idempotent). */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Install SIGTERM/SIGINT handlers that stop and exit (default true; tests pass false). */
  handleSignals?: boolean;
  /** The health server `serve` started before building the app (issue 17); the metrics server takes over its socket. */
  boot?: BootHealthServer;
}

function baseUrl(server: FastifyInstance): string {
  const address = server.server.address();
  if (!address || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

export async function startServer(app: PropoApp, options: StartServerOptions = {}): Promise<RunningServers> {
  assertSafeBind(app.config);
  const readiness = new Readiness(false);
  const server = await buildServer(app, { readiness });
  const { boot } = options;
  const metricsServer = await buildMetricsServer(app, readiness, boot);
  const { host, port, metricsPort } = app.config.server;
  if (!boot) await metricsServer.listen({ host, port: metricsPort });
  await server.listen({ host, port });
  // createApp ran crash recovery before we were called; once the query side is warm the app can take traffic. A cold
  // first question blocks the event loop long enough for a load balancer's health checks to fail (blue-green, §5).
  readiness.markNotReady('warming up');
  const warmStarted = performance.now();
  await app.warmUp().then(
    () => app.logger.info({ event: 'warmed-up', ms: Math.round(performance.now() - warmStarted) }, 'query side ready'),
    (error: unknown) => app.logger.warn({ event: 'warm-up-failed', err: error }, 'warm-up search failed; the first question will build the query side'),
  );
  readiness.markReady();
  app.logger.info({ event: 'server-started', url: baseUrl(server), metricsUrl: baseUrl(metricsServer) }, 'server started');

  // Scheduled backups (backup.intervalHours; the runbook's RPO is 1 hour).
  const backups = startBackupScheduler(app);
  // Watched folders (watch.folders, editable in Settings): started in the background, a bad folder is logged and shown.
  const watchers = watchManagerFor(app);
  const watching = watchers.sync(app.config.watch.folders);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      readiness.markNotReady('shutting down');
      await backups.stop();
      await watching;
      await watchers.close();
      await server.close();
      await metricsServer.close();
      await boot?.close();
      await app.close();
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.logger.info({ event: 'server-stopping', signal }, 'draining');
      stop().then(() => process.exit(0), (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { server, metricsServer, url: baseUrl(server), metricsUrl: baseUrl(metricsServer), readiness, stop };
}
