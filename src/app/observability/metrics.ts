/**
 * Prometheus metrics of one Propo app instance.
 *
 * Every app instance owns its own prom-client `Registry` (never the global default one), so two
 * apps in one process (tests, blue-green in-process checks) never share or double-register series.
 * The names here are the contract with monitoring/alert_rules.yml and the Grafana dashboard;
 * test/ops/monitoring-live.test.ts queries every dashboard expression against a real Prometheus.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Query pipeline stages timed by `propo_query_stage_seconds`. */
export const QUERY_STAGES = ['embed', 'retrieve', 'rerank', 'first_token', 'total'] as const;
export type QueryStage = (typeof QUERY_STAGES)[number];
export const ANSWER_MODES = ['llm', 'extractive'] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];
export const TOKEN_KINDS = ['prompt', 'completion'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
export const INGEST_OUTCOMES = ['succeeded', 'failed', 'unchanged'] as const;
export type IngestOutcome = (typeof INGEST_OUTCOMES)[number];
export const LLM_OUTCOMES = ['ok', 'error'] as const;
export type LlmOutcome = (typeof LLM_OUTCOMES)[number];

/** HTTP latency buckets in seconds; the last finite bucket (30 s) matches the slowest streamed answer we accept. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];
/** Stage latency buckets in seconds (embedding a query can take a millisecond, a first token many seconds). */
export const STAGE_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type HttpLabel = 'method' | 'route' | 'status';

/** The typed metrics object the rest of the app increments, e.g. `metrics.answersTotal.inc({ mode: 'llm' })`. */
export interface PropoMetrics {
  /** The instance's own registry; `registry.metrics()` renders the exposition text, `registry.contentType` its type. */
  readonly registry: Registry;
  readonly httpRequestsTotal: Counter<HttpLabel>;
  readonly httpRequestDurationSeconds: Histogram<HttpLabel>;
  readonly queryStageSeconds: Histogram<'stage'>;
  readonly answersTotal: Counter<'mode'>;
  readonly noMatchAnswersTotal: Counter;
  readonly llmTokensTotal: Counter<'kind'>;
  readonly llmCostUsdTotal: Counter;
  readonly llmRequestsTotal: Counter<'provider' | 'outcome'>;
  readonly ingestDocumentsTotal: Counter<'outcome'>;
  readonly ingestPropositionsTotal: Counter;
  readonly citationsRejectedTotal: Counter;
  readonly securityEventsTotal: Counter<'type'>;
  readonly rateLimitHitsTotal: Counter<'route'>;
  readonly cacheHitsTotal: Counter<'cache'>;
  readonly cacheMissesTotal: Counter<'cache'>;
  readonly moeExpertSelectionsTotal: Counter<'expert'>;
  readonly moeGateDecisionsTotal: Counter<'decision'>;
  readonly activeChatSessions: Gauge;
  readonly documents: Gauge;
  readonly propositions: Gauge;
  readonly buildInfo: Gauge<'version'>;
  readonly redisUp: Gauge;
}

export interface CreateMetricsOptions {
  /** Reported as `propo_build_info{version}`; the composition root passes package.json's version. */
  version?: string;
  /** Collect process_* and nodejs_* metrics (default true). */
  collectDefaultMetrics?: boolean;
}

/**
 * Builds a fresh registry with Propo's metrics and the default process/Node.js collectors.
 * Label sets whose values are known up front are initialised to zero, so dashboards and
 * ratio alerts (failed share of ingestions, 5xx share) have series from the first scrape.
 */
export function createMetrics(options: CreateMetricsOptions = {}): PropoMetrics {
  const registry = new Registry();
  if (options.collectDefaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <T extends string>(name: string, help: string, labelNames: readonly T[] = []): Counter<T> =>
    new Counter<T>({ name, help, labelNames, registers });
  const gauge = <T extends string>(name: string, help: string, labelNames: readonly T[] = []): Gauge<T> =>
    new Gauge<T>({ name, help, labelNames, registers });
  const httpLabels = ['method', 'route', 'status'] as const;

  const metrics: PropoMetrics = {
    registry,
    httpRequestsTotal: counter('http_requests_total', 'HTTP requests answered, by method, route template and status.', httpLabels),
    httpRequestDurationSeconds: new Histogram<HttpLabel>({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route template and status.',
      labelNames: httpLabels,
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    }),
    queryStageSeconds: new Histogram<'stage'>({
      name: 'propo_query_stage_seconds',
      help: 'Duration of each query stage (embed, retrieve, rerank, first_token, total) in seconds.',
      labelNames: ['stage'],
      buckets: STAGE_DURATION_BUCKETS,
      registers,
    }),
    answersTotal: counter('propo_answers_total', 'Answers given, by mode (llm or extractive).', ['mode']),
    noMatchAnswersTotal: counter('propo_no_match_answers_total', 'Questions answered with "nothing in your documents matches".'),
    llmTokensTotal: counter('propo_llm_tokens_total', 'LLM tokens used, by kind (prompt or completion).', ['kind']),
    llmCostUsdTotal: counter('propo_llm_cost_usd_total', 'LLM spend in US dollars.'),
    llmRequestsTotal: counter('propo_llm_requests_total', 'LLM provider requests, by provider and outcome (ok or error).', ['provider', 'outcome']),
    ingestDocumentsTotal: counter('propo_ingest_documents_total', 'Documents ingested, by outcome (succeeded, failed, unchanged).', ['outcome']),
    ingestPropositionsTotal: counter('propo_ingest_propositions_total', 'Propositions written by ingestion.'),
    citationsRejectedTotal: counter('propo_citations_rejected_total', 'Citations dropped because their span did not match the source text.'),
    securityEventsTotal: counter('security_events_total', 'Security events (failed logins, CSRF failures, lockouts ...), by type.', ['type']),
    rateLimitHitsTotal: counter('rate_limit_hits_total', 'Requests refused by a rate limit, by route.', ['route']),
    cacheHitsTotal: counter('propo_cache_hits_total', 'Cache hits, by cache.', ['cache']),
    cacheMissesTotal: counter('propo_cache_misses_total', 'Cache misses, by cache.', ['cache']),
    moeExpertSelectionsTotal: counter('propo_moe_expert_selections_total', 'Mixture-of-Experts router selections, by expert.', ['expert']),
    moeGateDecisionsTotal: counter('propo_moe_gate_decisions_total', 'Mixture-of-Experts gate decisions, by decision.', ['decision']),
    activeChatSessions: gauge('propo_active_chat_sessions', 'Chat sessions active now.'),
    documents: gauge('propo_documents', 'Documents in the index.'),
    propositions: gauge('propo_propositions', 'Propositions in the index.'),
    buildInfo: gauge('propo_build_info', 'Always 1; the version label says which build runs.', ['version']),
    redisUp: gauge('propo_redis_up', '1 when the app reaches Redis, 0 when it does not (or none is configured).'),
  };

  for (const stage of QUERY_STAGES) metrics.queryStageSeconds.zero({ stage });
  for (const mode of ANSWER_MODES) metrics.answersTotal.inc({ mode }, 0);
  for (const kind of TOKEN_KINDS) metrics.llmTokensTotal.inc({ kind }, 0);
  for (const outcome of INGEST_OUTCOMES) metrics.ingestDocumentsTotal.inc({ outcome }, 0);
  metrics.buildInfo.set({ version: options.version ?? 'unknown' }, 1);
  return metrics;
}
