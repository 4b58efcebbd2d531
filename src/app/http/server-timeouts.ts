/**
 * Node/Fastify timeouts from config (issue 14 item 15). A client that declares 2,000 bytes and
 * sends 10 is cut off by `requestTimeout` (408) or, when it goes silent, by the idle timeout.
 * Defaults are long enough for a bodyLimitMb upload (300 s for the whole request) and SSE
 * streams (idle 30 s; sse-stream.ts sends a heartbeat every 15 s).
 */
import type { PropoConfig } from '../../core/config/index.ts';

export interface ServerTimeoutOptions {
  requestTimeout: number;
  connectionTimeout: number;
  keepAliveTimeout: number;
  http: { headersTimeout: number; connectionsCheckingInterval: number };
}

export function serverTimeouts(server: PropoConfig['server']): ServerTimeoutOptions {
  const headersTimeout = Math.min(server.headersTimeoutMs, server.requestTimeoutMs);
  return {
    requestTimeout: server.requestTimeoutMs,
    connectionTimeout: server.idleTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    // Node checks headers/request timeouts on this interval (default 30 s): check often enough to honour short limits.
    http: { headersTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))) },
  };
}
