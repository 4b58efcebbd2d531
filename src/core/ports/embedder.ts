/** Provider spec for embedders. Batching, retries and abort live in core (`embedMany`). */
export interface Embedder {
  /** Stable identity recorded with an index, e.g. `hash-v1` or `transformers:BAAI/bge-small-en-v1.5:q8`. */
  readonly name: string;
  readonly dimensions: number;
  /** Most inputs a single `embed` call accepts. */
  readonly maxInputsPerCall: number;
  readonly supportsParallelCalls: boolean;
  /**
   * True when the vectors carry no meaning (BM25-only retrieval): they are stored only because every
   * store keeps a vector per record, and retrieval never searches them (no dense scan).
   */
  readonly placeholderVectors?: boolean;
  /** Embeds documents (passages). Vectors are L2-normalised. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
  /** Embeds a query; models with a query instruction apply it here. */
  embedQuery(text: string, options?: { signal?: AbortSignal }): Promise<Float32Array>;
  close?(): Promise<void>;
}
