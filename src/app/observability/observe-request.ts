/**
 * Records one answered HTTP request; framework-agnostic so a Fastify `onResponse` hook,
 * a plain `node:http` handler or a test can all call it the same way.
 */
import type { PropoMetrics } from './metrics.ts';

export interface ObservedRequest {
  method: string;
  /** The route template (`/api/documents/:id`), never the raw URL: raw URLs explode label cardinality. */
  route: string;
  status: number;
  /** Wall time from request received to response finished. */
  seconds: number;
}

/** Counts the request in `http_requests_total` and times it in `http_request_duration_seconds`. */
export function observeRequest(metrics: Pick<PropoMetrics, 'httpRequestsTotal' | 'httpRequestDurationSeconds'>, request: ObservedRequest): void {
  const labels = { method: request.method.toUpperCase(), route: request.route, status: String(request.status) };
  metrics.httpRequestsTotal.inc(labels);
  metrics.httpRequestDurationSeconds.observe(labels, Math.max(0, request.seconds));
}
