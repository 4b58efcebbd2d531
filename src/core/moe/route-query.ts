/**
 * Routing a query vector to experts: cosine similarity to every expert centroid; the query goes
 * to the `topK` nearest experts whose similarity is ≥ `threshold`. When routing is unsure it falls
 * back to all experts (no expert filter at all, so not-yet-assigned records stay reachable):
 * - the best similarity is below `threshold`, or
 * - the margin between the last selected expert and the best one left out is below `minMargin`
 *   (the cut between "in" and "out" would be a coin toss), or
 * - the selection would cover every expert anyway.
 */
import { PropoError } from '../errors/index.ts';
import { dot } from './spherical-kmeans.ts';

export interface ExpertCentroid { label: string; centroid: ArrayLike<number> }

export interface RoutingOptions { topK: number; threshold: number; minMargin?: number }

export interface RoutingDecision {
  /** Experts retrieval is restricted to; empty when `fallback` (= all experts). */
  experts: string[];
  /** Similarity of the query to each expert's centroid. */
  sims: Record<string, number>;
  fallback: boolean;
  reason: 'routed' | 'below-threshold' | 'small-margin' | 'all-selected';
}

export function routeQuery(vector: ArrayLike<number>, centroids: readonly ExpertCentroid[], options: RoutingOptions): RoutingDecision {
  const minMargin = options.minMargin ?? 0.02;
  const scored = centroids.map(({ label, centroid }) => {
    if (centroid.length !== vector.length) {
      throw new PropoError('PROPO_ERR_INTERNAL', `MoE centroid for ${label} has ${centroid.length} dimensions, the query ${vector.length}. Re-ingest or let the router recompute its centroids.`);
    }
    const similarity = dot(vector, centroid);
    if (!Number.isFinite(similarity)) throw new PropoError('PROPO_ERR_INTERNAL', `MoE centroid for ${label} is not a finite vector. Let the router recompute its centroids.`);
    return { label, similarity };
  }).sort((a, b) => b.similarity - a.similarity || a.label.localeCompare(b.label));
  const sims = Object.fromEntries(scored.map((s) => [s.label, s.similarity]));
  const all = (reason: RoutingDecision['reason']): RoutingDecision => ({ experts: [], sims, fallback: true, reason });
  const best = scored[0];
  if (best === undefined || best.similarity < options.threshold) return all('below-threshold');
  const selected = scored.slice(0, options.topK).filter((s) => s.similarity >= options.threshold);
  if (selected.length >= scored.length) return all('all-selected');
  const lastIn = selected[selected.length - 1] as { similarity: number };
  const firstOut = scored[selected.length] as { similarity: number };
  if (lastIn.similarity - firstOut.similarity < minMargin) return all('small-margin');
  return { experts: selected.map((s) => s.label), sims, fallback: false, reason: 'routed' };
}
