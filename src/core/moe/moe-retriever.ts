/**
 * Mixture-of-Experts retrieval wrapped around the base hybrid `retrieve` (same signature):
 *   gate (small talk? → no retrieval) → router (restrict to the nearest experts) → base retrieval of a
 *   candidate pool → two-stage rerank → gate picks k → hits.
 * Every component is optional (null = disabled) and fails soft: an error in one is recorded in
 * `metadata.fallbacks` and that stage behaves as if disabled, so with every component failing the
 * result is exactly the baseline's. Routing that finds nothing in the selected experts retries unrouted.
 */
import type { RetrievalOptions, RetrievalResult, RetrievedHit } from '../retrieval/hybrid-search.ts';
import type { ExpertRouter } from './expert-router.ts';
import type { QueryGate } from './query-gate.ts';
import type { RoutingDecision } from './route-query.ts';
import type { TwoStageReranker } from './two-stage-reranker.ts';

export type RetrieveOptions = Partial<RetrievalOptions> & { signal?: AbortSignal };
export type BaseRetrieve = (query: string, options?: RetrieveOptions) => Promise<RetrievalResult>;

/** The two counters MoE records (structural, so core does not import the metrics module). */
export interface MoeMetrics {
  moeExpertSelectionsTotal: { inc(labels: { expert: string }): void };
  moeGateDecisionsTotal: { inc(labels: { decision: string }): void };
}

export interface MoeMetadata {
  routing: { experts: string[]; sims: Record<string, number>; fallback: boolean; reason: string } | null;
  gate: { decision: 'skip' | 'retrieve'; k: number; complexity?: number; confidence?: number; reply?: string } | null;
  rerank: { stage: 'none' | 'stage1' | 'stage2'; changed: boolean; margin?: number; stage2?: unknown } | null;
  /** Components that failed and were bypassed: 'gate', 'router', 'router-empty', 'reranker'. */
  fallbacks: string[];
  timings: { gateMs: number; routeMs: number; retrieveMs: number; rerankMs: number; totalMs: number };
}

export type MoeRetrievalResult = RetrievalResult & { rerankMs: number; metadata: MoeMetadata & Record<string, unknown> };

export interface MoeRetrieverDeps {
  baseRetrieve: BaseRetrieve;
  /** Embeds the query for routing (the embedder's cache makes the second embed in base retrieval cheap). */
  embedQuery: (text: string, signal?: AbortSignal) => Promise<Float32Array>;
  router: ExpertRouter | null;
  gate: QueryGate | null;
  reranker: TwoStageReranker | null;
  config: { defaultK: number; gateKMax: number; rerankPool?: number };
  metrics?: MoeMetrics;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createMoeRetriever(deps: MoeRetrieverDeps): (query: string, options?: RetrieveOptions) => Promise<MoeRetrievalResult> {
  const rerankPool = deps.config.rerankPool ?? 30;
  let initialising: Promise<unknown> | null = null;
  return async function moeRetrieve(query, options = {}) {
    const started = performance.now();
    const requestedK = options.k ?? deps.config.defaultK;
    const metadata: MoeMetadata = { routing: null, gate: null, rerank: null, fallbacks: [], timings: { gateMs: 0, routeMs: 0, retrieveMs: 0, rerankMs: 0, totalMs: 0 } };
    const errors: Record<string, string> = {};
    const fail = (component: string, error: unknown) => { metadata.fallbacks.push(component); errors[component] = message(error); };
    const finish = (result: RetrievalResult, extraEmbedMs: number): MoeRetrievalResult => {
      metadata.timings.totalMs = performance.now() - started;
      return {
        ...result, timings: { ...result.timings, embedMs: result.timings.embedMs + extraEmbedMs }, rerankMs: metadata.timings.rerankMs,
        metadata: { ...metadata, ...(Object.keys(errors).length ? { errors } : {}) },
      };
    };

    let gate = deps.gate;
    if (gate) {
      const t = performance.now();
      try {
        const pre = gate.beforeRetrieval(query);
        if (pre.decision === 'skip') {
          metadata.gate = { decision: 'skip', k: 0, ...(pre.reply ? { reply: pre.reply } : {}) };
          deps.metrics?.moeGateDecisionsTotal.inc({ decision: 'skip' });
          metadata.timings.gateMs = performance.now() - t;
          return finish({ hits: [], confidence: 0, timings: { embedMs: 0, retrieveMs: 0 } }, 0);
        }
      } catch (error) { fail('gate', error); gate = null; }
      metadata.timings.gateMs = performance.now() - t;
    }

    let routing: RoutingDecision | null = null;
    let routeEmbedMs = 0;
    if (deps.router) {
      const t = performance.now();
      try {
        // First query on an index clustered before MoE was on (or never): compute the centroids now.
        if (deps.router.state() === null) {
          initialising ??= deps.router.update().finally(() => { initialising = null; });
          await initialising;
        }
        const e = performance.now();
        const vector = await deps.embedQuery(query, options.signal);
        routeEmbedMs = performance.now() - e;
        routing = deps.router.route(vector);
        metadata.routing = { experts: routing.experts, sims: routing.sims, fallback: routing.fallback, reason: routing.reason };
      } catch (error) {
        if (options.signal?.aborted) throw error;
        fail('router', error);
      }
      metadata.timings.routeMs = performance.now() - t;
    }

    const pool = Math.max(requestedK, gate ? deps.config.gateKMax : 0, deps.reranker ? rerankPool : 0);
    const t = performance.now();
    let result: RetrievalResult;
    if (routing && !routing.fallback && routing.experts.length > 0) {
      result = await deps.baseRetrieve(query, { ...options, k: pool, experts: routing.experts });
      if (result.hits.length === 0) {
        metadata.fallbacks.push('router-empty');
        result = await deps.baseRetrieve(query, { ...options, k: pool });
      }
    } else {
      result = await deps.baseRetrieve(query, { ...options, k: pool });
    }
    metadata.timings.retrieveMs = performance.now() - t;
    if (metadata.routing) {
      const chosen = routing && !routing.fallback && !metadata.fallbacks.includes('router-empty') ? routing.experts : ['all'];
      for (const expert of chosen) deps.metrics?.moeExpertSelectionsTotal.inc({ expert });
    }

    let hits: RetrievedHit[] = result.hits;
    if (deps.reranker) {
      const r = performance.now();
      try {
        const outcome = await deps.reranker.rerank(query, hits, options.signal);
        hits = outcome.hits;
        metadata.rerank = { stage: outcome.stage, changed: outcome.changed, margin: outcome.margin, ...(outcome.stage2 ? { stage2: outcome.stage2 } : {}) };
      } catch (error) {
        if (options.signal?.aborted) throw error;
        fail('reranker', error);
      }
      metadata.timings.rerankMs = performance.now() - r;
    }

    let k = requestedK;
    if (gate) {
      const g = performance.now();
      try {
        const chosen = gate.chooseK(query, hits);
        k = chosen.k;
        metadata.gate = { decision: 'retrieve', k, complexity: chosen.complexity, confidence: chosen.confidence };
        deps.metrics?.moeGateDecisionsTotal.inc({ decision: 'retrieve' });
      } catch (error) { fail('gate', error); }
      metadata.timings.gateMs += performance.now() - g;
    }
    return finish({ ...result, hits: hits.slice(0, k) }, routeEmbedMs);
  };
}
