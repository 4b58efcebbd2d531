/** A sparse vector as Pinecone stores it: parallel arrays of uint32 indices and float32 values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/**
 * Pinecone's convex combination for sparse-dense queries: dense values times `alpha`, sparse
 * values times `1 - alpha`. `alpha = 1` is dense only, `alpha = 0` sparse only.
 */
export function hybridScale(dense: ArrayLike<number>, sparse: SparseVector, alpha: number): { dense: number[]; sparse: SparseVector } {
  const weight = Math.min(1, Math.max(0, alpha));
  return {
    dense: Array.from(dense, (value) => value * weight),
    sparse: { indices: [...sparse.indices], values: sparse.values.map((value) => value * (1 - weight)) },
  };
}

/** `alpha` for the configured fusion weights (dense vs BM25), as LanceDB's weighted fusion uses them. */
export function alphaFromWeights(denseWeight: number, bm25Weight: number): number {
  const total = denseWeight + bm25Weight;
  return total > 0 ? denseWeight / total : 0.5;
}
