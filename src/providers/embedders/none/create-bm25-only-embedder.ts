/**
 * The embedder of BM25-only retrieval (EMBEDDER=auto when no semantic model is available): it computes
 * nothing. Every record is stored with the same 8-dimensional unit vector (e1) because every vector store
 * keeps one vector per record; `placeholderVectors` tells retrieval never to search them.
 */
import type { Embedder } from '../../../core/ports/index.ts';

export const BM25_ONLY_EMBEDDER_NAME = 'bm25-only';
export const BM25_ONLY_DIMENSIONS = 8;

function placeholder(): Float32Array {
  const vector = new Float32Array(BM25_ONLY_DIMENSIONS);
  vector[0] = 1;
  return vector;
}

/** Creates the `bm25-only` embedder. */
export function createBm25OnlyEmbedder(): Embedder {
  return {
    name: BM25_ONLY_EMBEDDER_NAME,
    dimensions: BM25_ONLY_DIMENSIONS,
    maxInputsPerCall: 100_000,
    supportsParallelCalls: true,
    placeholderVectors: true,
    embed: (texts) => Promise.resolve(texts.map(placeholder)),
    embedQuery: () => Promise.resolve(placeholder()),
  };
}
