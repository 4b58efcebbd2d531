/** Public surface of the observability layer: the per-app metrics registry and request observation. */
export {
  createMetrics,
  QUERY_STAGES,
  ANSWER_MODES,
  TOKEN_KINDS,
  INGEST_OUTCOMES,
  LLM_OUTCOMES,
  HTTP_DURATION_BUCKETS,
  STAGE_DURATION_BUCKETS,
} from './metrics.ts';
export type { PropoMetrics, CreateMetricsOptions, QueryStage, AnswerMode, TokenKind, IngestOutcome, LlmOutcome } from './metrics.ts';
export { createUnexportedMetrics } from './unexported-metrics.ts';
export { observeRequest } from './observe-request.ts';
export type { ObservedRequest } from './observe-request.ts';
