/**
 * Rank fusion of dense and BM25 candidate lists.
 * - `rrf`: Σ w / (k + rank), robust to score scales.
 * - `weighted`: min-max normalise each list, then Σ w · score.
 */
import type { ScoredHit } from '../domain/index.ts';

export type FusionMethod = 'rrf' | 'weighted';

export interface FusionOptions { method: FusionMethod; denseWeight: number; bm25Weight: number; rrfK: number }

export interface FusedHit extends ScoredHit {
  denseScore: number | null;
  bm25Score: number | null;
  denseRank: number | null;
  bm25Rank: number | null;
}

export function fuse(dense: ScoredHit[], bm25: ScoredHit[], options: FusionOptions): FusedHit[] {
  const byId = new Map<string, FusedHit>();
  const entry = (hit: ScoredHit): FusedHit => {
    let fused = byId.get(hit.id);
    if (!fused) {
      fused = { id: hit.id, record: hit.record, score: 0, denseScore: null, bm25Score: null, denseRank: null, bm25Rank: null };
      byId.set(hit.id, fused);
    }
    return fused;
  };
  const denseNorm = normaliser(dense);
  const bm25Norm = normaliser(bm25);
  dense.forEach((hit, rank) => {
    const fused = entry(hit);
    fused.denseScore = hit.score;
    fused.denseRank = rank + 1;
    fused.score += options.method === 'rrf' ? options.denseWeight / (options.rrfK + rank + 1) : options.denseWeight * denseNorm(hit.score);
  });
  bm25.forEach((hit, rank) => {
    const fused = entry(hit);
    fused.bm25Score = hit.score;
    fused.bm25Rank = rank + 1;
    fused.score += options.method === 'rrf' ? options.bm25Weight / (options.rrfK + rank + 1) : options.bm25Weight * bm25Norm(hit.score);
  });
  return [...byId.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

function normaliser(hits: ScoredHit[]): (score: number) => number {
  if (hits.length === 0) return () => 0;
  let min = Infinity;
  let max = -Infinity;
  for (const h of hits) { min = Math.min(min, h.score); max = Math.max(max, h.score); }
  const range = max - min;
  return range > 0 ? (s) => (s - min) / range : () => 1;
}
