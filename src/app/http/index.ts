/** Public surface of the HTTP layer. */
export { buildServer, type BuildServerOptions } from './build-server.ts';
export { buildMetricsServer } from './build-metrics-server.ts';
export { startServer, type RunningServers, type StartServerOptions } from './start-server.ts';
export { Readiness } from './readiness.ts';
