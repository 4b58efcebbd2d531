/**
 * The MoE router: clusters the corpus's unit embeddings into one cluster per configured expert
 * (spherical k-means, seeded), names the clusters (labelClusters), stores each record's expert in
 * the documents repository and in the vector store (fetch + upsert by id, in batches), and routes
 * query vectors to the nearest experts (routeQuery).
 *
 * `update()` runs after each ingestion. It is incremental — new records join their nearest centroid,
 * whose mean is updated — unless there is no state yet, `centroid_refresh_interval` seconds have passed
 * since the last full recompute, the record count grew by more than 50% since then, or the embedder
 * changed; then it recomputes everything.
 */
import type { PropoConfig } from '../config/index.ts';
import type { RetrievalUnit, VectorRecord } from '../domain/index.ts';
import { l2Normalize } from '../embed/index.ts';
import type { VectorFilter, VectorStore } from '../ports/index.ts';
import { labelClusters } from './label-clusters.ts';
import { routeQuery, type RoutingDecision } from './route-query.ts';
import { ROUTER_META_KEY, parseRouterState, type RouterState } from './router-state.ts';
import { nearestCentroid, sphericalKmeans } from './spherical-kmeans.ts';

/** Where the router keeps its state and per-record experts (the documents repository fits). */
export interface RouterStorage {
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  setExperts(assignments: Array<{ id: string; expert: string | null }>): void;
}

export interface ExpertRouterOptions {
  vectors: VectorStore;
  storage: RouterStorage;
  config: PropoConfig['moe']['router'];
  embedder: string;
  namespace?: string;
  unit?: RetrievalUnit;
  /** Clock (epoch ms); tests move it. */
  now?: () => number;
  seed?: number;
  /** Records per fetch/upsert (default 500). */
  batchSize?: number;
  /** Growth since the last full recompute that forces a new one (default 0.5 = 50%). */
  growthForRecompute?: number;
}

export interface RouterUpdate { mode: 'full' | 'incremental' | 'none'; assigned: number; total: number }

export interface ExpertRouter {
  update(signal?: AbortSignal): Promise<RouterUpdate>;
  /** Routing decision for a unit-length query vector; throws PROPO_ERR_INTERNAL on corrupt state. */
  route(vector: ArrayLike<number>): RoutingDecision;
  /** The current state (null before the first update). */
  state(): RouterState | null;
}

export function createExpertRouter(options: ExpertRouterOptions): ExpertRouter {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 500;
  const growth = options.growthForRecompute ?? 0.5;
  const filter: VectorFilter = { unit: options.unit ?? 'proposition', ...(options.namespace ? { namespace: options.namespace } : {}) };
  let cached: { json: string; state: RouterState } | null = null;
  let running: Promise<RouterUpdate> = Promise.resolve({ mode: 'none', assigned: 0, total: 0 });

  const load = (): RouterState | null => {
    const json = options.storage.getMeta(ROUTER_META_KEY);
    if (json === null) return null;
    if (cached?.json !== json) cached = { json, state: parseRouterState(json) };
    return cached.state;
  };
  const save = (state: RouterState) => options.storage.setMeta(ROUTER_META_KEY, JSON.stringify(state));

  const fetchAll = async (ids: string[]): Promise<VectorRecord[]> => {
    const records: VectorRecord[] = [];
    for (let i = 0; i < ids.length; i += batchSize) records.push(...await options.vectors.fetch(ids.slice(i, i + batchSize)));
    return records;
  };
  const writeExperts = async (records: VectorRecord[], experts: string[], signal?: AbortSignal) => {
    const changed = records.map((r, i) => ({ ...r, expert: experts[i] ?? null })).filter((r, i) => records[i]?.expert !== r.expert);
    for (let i = 0; i < changed.length; i += batchSize) {
      signal?.throwIfAborted();
      const batch = changed.slice(i, i + batchSize);
      await options.vectors.upsert(batch);
      options.storage.setExperts(batch.map((r) => ({ id: r.id, expert: r.expert })));
    }
  };
  const unit = (record: VectorRecord) => l2Normalize(Float32Array.from(record.vector));

  const full = async (ids: string[], signal?: AbortSignal): Promise<RouterUpdate> => {
    const records = await fetchAll(ids);
    const points = records.map(unit);
    const k = Math.min(options.config.experts.length, points.length);
    const result = sphericalKmeans(points, k, { seed: options.seed ?? 42 });
    const members = result.centroids.map(() => [] as string[]);
    records.forEach((r, i) => {
      const bucket = members[result.assignments[i] as number] as string[];
      if (bucket.length < 400) bucket.push(r.text); // a sample is enough to read the cues
    });
    const labels = labelClusters(members, options.config.experts);
    const state: RouterState = {
      version: 1, embedder: options.embedder, labels, centroids: result.centroids.map((c) => [...c]), sizes: result.sizes,
      recomputedOn: records.length, recomputedAt: now(),
    };
    await writeExperts(records, result.assignments.map((a) => labels[a] as string), signal);
    save(state);
    return { mode: 'full', assigned: records.length, total: records.length };
  };

  const incremental = async (state: RouterState, ids: string[], signal?: AbortSignal): Promise<RouterUpdate> => {
    // Only ids without a current label are fetched: listing ids is cheap, fetching vectors is not.
    const assigned = new Set(await options.vectors.listIds({ ...filter, experts: state.labels }));
    const records = await fetchAll(ids.filter((id) => !assigned.has(id)));
    if (records.length === 0) return { mode: 'none', assigned: 0, total: ids.length };
    const sums = state.centroids.map((c, i) => c.map((v) => v * (state.sizes[i] as number)));
    const sizes = [...state.sizes];
    const experts = records.map((r) => {
      const vector = unit(r);
      const { index } = nearestCentroid(vector, state.centroids);
      const sum = sums[index] as number[];
      for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) + (vector[d] as number);
      sizes[index] = (sizes[index] as number) + 1;
      return state.labels[index] as string;
    });
    await writeExperts(records, experts, signal);
    save({ ...state, centroids: sums.map((s) => [...l2Normalize(Float32Array.from(s))]), sizes });
    return { mode: 'incremental', assigned: records.length, total: ids.length };
  };

  const run = async (signal?: AbortSignal): Promise<RouterUpdate> => {
    const ids = await options.vectors.listIds(filter);
    if (ids.length === 0) return { mode: 'none', assigned: 0, total: 0 };
    let state: RouterState | null = null;
    try { state = load(); } catch { state = null; } // corrupt state: rebuild it
    const intervalMs = options.config.centroid_refresh_interval * 1000;
    const stale = state === null
      || state.embedder !== options.embedder
      || state.labels.length !== Math.min(options.config.experts.length, state.recomputedOn)
      || (intervalMs > 0 && now() - state.recomputedAt >= intervalMs)
      || ids.length > state.recomputedOn * (1 + growth);
    return stale || state === null ? full(ids, signal) : incremental(state, ids, signal);
  };

  return {
    update(signal) {
      // One update at a time: two concurrent ingests must not interleave their writes.
      const next = running.catch(() => undefined).then(() => run(signal));
      running = next;
      return next;
    },
    route(vector) {
      const state = load();
      if (state === null) return { experts: [], sims: {}, fallback: true, reason: 'below-threshold' };
      return routeQuery(vector, state.labels.map((label, i) => ({ label, centroid: state.centroids[i] as number[] })), {
        topK: options.config.top_k_experts, threshold: options.config.similarity_threshold,
      });
    },
    state: () => load(),
  };
}
