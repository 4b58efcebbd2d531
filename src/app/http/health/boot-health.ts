/**
 * The health/metrics port (:8000) while the app starts (issue 17): a plain node:http server that listens before
 * the app is built, so liveness answers while heavy providers (an embedding model download, the vector index) load.
 *
 *   GET /health                → 200 {"status":"starting", version, uptimeSeconds, providers: {embedder: "starting", ...}}
 *   GET /health?detailed=true  → 503, same body (the dependencies are not up yet)
 *   GET /ready                 → 503 {"ready":false,"reason":"starting"} (the runbook's readiness contract)
 *   anything else (/metrics)   → 503 {"status":"starting"} with Retry-After
 *
 * The same listening socket is then handed to the full Fastify metrics server (`handOver`), so the port never
 * closes between the two: there is no window in which a probe gets "connection refused".
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { PropoError } from '../../../core/errors/index.ts';
import { APP_VERSION } from '../app-version.ts';

export type ProviderState = 'starting' | 'ready';

/** The providers createApp builds, in the order it builds them (reported while starting). */
export const BOOT_PROVIDERS = ['database', 'embedder', 'llm', 'vectorStore', 'recovery'] as const;
export type BootProvider = (typeof BOOT_PROVIDERS)[number];

export interface BootHealthServer {
  readonly server: Server;
  /** Marks a provider as loaded (the others stay "starting"). */
  ready(provider: BootProvider): void;
  readonly providers: Readonly<Record<BootProvider, ProviderState>>;
  /** From now on every request goes to `handler` (Fastify's request handler); the socket stays open. */
  handOver(handler: RequestListener): void;
  /** Closes the socket (idempotent; the Fastify server handed over does not own it). */
  close(): Promise<void>;
}

export interface BootHealthOptions { host: string; port: number }

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store',
    ...(status === 503 ? { 'retry-after': '1' } : {}),
  });
  response.end(text);
}

/** Listens on host:port and answers "starting" until `handOver`. Rejects when the port cannot be bound. */
export async function startBootHealthServer(options: BootHealthOptions): Promise<BootHealthServer> {
  const startedAt = Date.now();
  const providers = Object.fromEntries(BOOT_PROVIDERS.map((name) => [name, 'starting'])) as Record<BootProvider, ProviderState>;
  const starting = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://propo.local');
    const body = { status: 'starting', version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), providers: { ...providers } };
    if (request.method !== 'GET' && request.method !== 'HEAD') sendJson(response, 503, { status: 'starting' });
    else if (url.pathname === '/health') {
      const detailed = url.searchParams.get('detailed');
      sendJson(response, detailed === 'true' || detailed === '1' ? 503 : 200, body);
    } else if (url.pathname === '/ready') sendJson(response, 503, { ready: false, reason: 'starting' });
    else sendJson(response, 503, { status: 'starting' });
  };
  let handler: RequestListener = starting;
  const server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new PropoError('PROPO_ERR_CONFIG_INVALID', `The health/metrics port ${options.host}:${options.port} is in use (EADDRINUSE): stop the other process or pick another port (METRICS_PORT or --metrics-port).`, { cause: error })
      : error));
    server.listen({ host: options.host, port: options.port }, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  let closing: Promise<void> | null = null;
  return {
    server,
    providers,
    ready(provider) {
      providers[provider] = 'ready';
    },
    handOver(next) {
      handler = next;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
