import type { ScoredHit, VectorRecord, RetrievalUnit } from '../domain/types.ts';

export interface VectorFilter {
  namespace?: string;
  documentIds?: string[];
  experts?: string[];
  unit?: RetrievalUnit;
}

export interface IndexIdentity {
  embedder: string;
  dimensions: number;
  /** The vectors carry no meaning (BM25-only retrieval): never searched, so a store builds no vector index for them. */
  placeholderVectors?: boolean;
}

/**
 * Provider spec for vector + full-text stores. A store takes vectors and metadata, never an
 * embedder: the pipeline composes the two. `identity` records which embedder built the index.
 */
export interface VectorStore {
  readonly name: string;
  /** Opens or creates the index for this identity; throws PROPO_ERR_EMBEDDER_MISMATCH when it differs. */
  open(identity: IndexIdentity): Promise<void>;
  upsert(records: VectorRecord[]): Promise<void>;
  deleteByDocument(documentId: string, namespace?: string): Promise<number>;
  searchDense(vector: Float32Array, k: number, filter?: VectorFilter): Promise<ScoredHit[]>;
  /** BM25 full-text search; scores are raw BM25 (higher is better). */
  searchText(query: string, k: number, filter?: VectorFilter): Promise<ScoredHit[]>;
  count(filter?: VectorFilter): Promise<number>;
  /** Ids present for a document (used for orphan checks and migration). */
  listIds(filter?: VectorFilter): Promise<string[]>;
  fetch(ids: string[]): Promise<VectorRecord[]>;
  /** Distinct document ids that have at least one record (orphan checks after a crash). */
  listDocumentIds(): Promise<string[]>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  /**
   * Optional: brings the full-text index up to date and saves it, so that the next process's first search loads it
   * instead of building it. A short-lived process calls it after a bulk ingest (`bin/propo ingest`).
   */
  prepareText?(): Promise<void>;
  close(): Promise<void>;
}
