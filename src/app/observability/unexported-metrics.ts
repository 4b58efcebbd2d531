/**
 * Metrics for a process that never exposes them: every CLI command but `serve` (nothing scrapes a one-shot
 * command, and `mcp` talks over stdio). Same `PropoMetrics` shape as `createMetrics`, so callers increment as
 * usual, but nothing is recorded and prom-client (with the @opentelemetry/api it requires: ~85 modules) is never
 * loaded (issue 17, decision 0130). `registry.metrics()` renders an empty exposition.
 */
import type { PropoMetrics } from './metrics.ts';

const metric = {
  inc: () => undefined,
  dec: () => undefined,
  set: () => undefined,
  observe: () => undefined,
  zero: () => undefined,
  reset: () => undefined,
  remove: () => undefined,
  startTimer: () => () => 0,
  get: async () => ({ name: '', help: '', type: 'counter', values: [], aggregator: 'sum' }),
  labels: () => metric,
};

const registry = {
  contentType: 'text/plain; version=0.0.4; charset=utf-8',
  metrics: async () => '',
  getSingleMetric: () => undefined,
  getSingleMetricAsString: async () => '',
  getMetricsAsJSON: async () => [],
  clear: () => undefined,
  resetMetrics: () => undefined,
};

/** No-op metrics with the full `PropoMetrics` surface. */
export function createUnexportedMetrics(): PropoMetrics {
  const names = [
    'httpRequestsTotal', 'httpRequestDurationSeconds', 'queryStageSeconds', 'answersTotal', 'noMatchAnswersTotal', 'llmTokensTotal',
    'llmCostUsdTotal', 'llmRequestsTotal', 'ingestDocumentsTotal', 'ingestPropositionsTotal', 'citationsRejectedTotal', 'securityEventsTotal',
    'rateLimitHitsTotal', 'cacheHitsTotal', 'cacheMissesTotal', 'moeExpertSelectionsTotal', 'moeGateDecisionsTotal', 'activeChatSessions',
    'documents', 'propositions', 'buildInfo', 'redisUp',
  ] as const satisfies ReadonlyArray<Exclude<keyof PropoMetrics, 'registry'>>;
  // The prom-client classes are structural supersets of what Propo calls; the casts stay in this one place.
  return Object.freeze({ registry, ...Object.fromEntries(names.map((name) => [name, metric])) }) as unknown as PropoMetrics;
}
