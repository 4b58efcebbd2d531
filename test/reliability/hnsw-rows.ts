/** Rows of the HNSW crash test: a vector is a function of its row id, so the checker can query any live row. */
import type { VectorRecord } from '../../src/core/domain/index.ts';

export const DIMENSIONS = 384;
export const ANN_THRESHOLD = 1500;
export const BATCH = 500;
export const BATCHES = 8;
export const IDENTITY = { embedder: 'hnsw-crash-test', dimensions: DIMENSIONS };

export function vectorOf(id: string): Float32Array {
  let seed = 2166136261;
  for (const char of id) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619) >>> 0;
  return Float32Array.from({ length: DIMENSIONS }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  });
}

export function rowOf(documentId: string, j: number): VectorRecord {
  const id = `${documentId}-${j}`;
  return {
    id, documentId, namespace: 'default', text: `row ${j} of ${documentId}`, unit: 'proposition', page: 1, start: 0, end: 5,
    paragraphId: `${id}-p`, file: `${documentId}.txt`, expert: null, vector: vectorOf(id),
  };
}
