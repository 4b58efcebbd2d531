/**
 * The router's persisted state (documents repository meta key `moe.centroids`): one unit-length
 * centroid per expert, its label and member count, when it was fully recomputed and on how many
 * records. Parsing is strict: anything malformed is PROPO_ERR_INTERNAL, so the MoE retriever
 * falls back to plain retrieval instead of routing on garbage.
 */
import { PropoError } from '../errors/index.ts';

export const ROUTER_META_KEY = 'moe.centroids';

export interface RouterState {
  version: 1;
  /** Identity of the embedder whose vectors were clustered. */
  embedder: string;
  labels: string[];
  centroids: number[][];
  sizes: number[];
  /** Records clustered at the last full recompute. */
  recomputedOn: number;
  /** Epoch ms of the last full recompute. */
  recomputedAt: number;
}

export function parseRouterState(json: string): RouterState {
  const bad = (what: string) => new PropoError('PROPO_ERR_INTERNAL', `The stored MoE router state is corrupt (${what}). Run an ingest or restart to recompute it.`);
  let value: unknown;
  try { value = JSON.parse(json); } catch { throw bad('not JSON'); }
  const state = value as Partial<RouterState> | null;
  if (state === null || typeof state !== 'object' || state.version !== 1) throw bad('unknown version');
  const { labels, centroids, sizes } = state;
  if (!Array.isArray(labels) || !Array.isArray(centroids) || !Array.isArray(sizes)) throw bad('missing arrays');
  if (labels.length !== centroids.length || sizes.length !== centroids.length || centroids.length === 0) throw bad('lengths differ');
  const dimensions = (centroids[0] as unknown[]).length;
  for (const c of centroids) {
    if (!Array.isArray(c) || c.length !== dimensions || c.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw bad('centroid is not a finite vector');
  }
  if (typeof state.embedder !== 'string' || typeof state.recomputedOn !== 'number' || typeof state.recomputedAt !== 'number') throw bad('missing fields');
  return state as RouterState;
}
