/**
 * A BM25 sparse encoder in the manner of pinecone-text's BM25Encoder: tokens hash to 32-bit
 * indices (MurmurHash3), documents get BM25 term-frequency saturation with length
 * normalisation, queries get inverse document frequencies, so the dot product of a query and a
 * document vector is the document's BM25 score.
 *
 * The corpus statistics (document count, document frequencies, average length) are learned by
 * `observe` as records are written and persisted as JSON (`toJSON` / `Bm25Encoder.fromJSON`).
 * Stored document vectors depend only on the average length at write time; query idf is always
 * computed from the current statistics. See docs/decisions/0007-pinecone-hybrid.md for drift.
 */
import { murmurHash3 } from './murmur-hash3.ts';
import type { SparseVector } from './sparse-vector.ts';
import { tokenizeForBm25 } from './tokenize-for-bm25.ts';

export interface Bm25Parameters {
  /** Term-frequency saturation; default 1.2. */
  k1?: number;
  /** Length normalisation; default 0.75. */
  b?: number;
  /** Most non-zero values kept per document vector (Pinecone accepts 1000); default 1000. */
  maxTerms?: number;
}

/** The persisted form (version 1). `df` maps a token index (decimal string) to its document frequency. */
export interface Bm25EncoderState {
  version: 1;
  k1: number;
  b: number;
  documents: number;
  totalLength: number;
  df: Record<string, number>;
}

function termCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokenizeForBm25(text)) {
    const index = murmurHash3(token);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return counts;
}

export class Bm25Encoder {
  readonly k1: number;
  readonly b: number;
  readonly maxTerms: number;
  #documents = 0;
  #totalLength = 0;
  #df = new Map<number, number>();

  constructor(parameters: Bm25Parameters = {}) {
    this.k1 = parameters.k1 ?? 1.2;
    this.b = parameters.b ?? 0.75;
    this.maxTerms = parameters.maxTerms ?? 1000;
  }

  /** Documents seen so far. */
  get documents(): number {
    return this.#documents;
  }

  /** Average document length in tokens (0 before anything is observed). */
  get averageLength(): number {
    return this.#documents === 0 ? 0 : this.#totalLength / this.#documents;
  }

  /** Forgets all statistics and learns them from `texts` (a refit). */
  fit(texts: Iterable<string>): this {
    this.#documents = 0;
    this.#totalLength = 0;
    this.#df.clear();
    return this.observe(texts);
  }

  /** Adds `texts` to the corpus statistics (incremental fitting as records are written). */
  observe(texts: Iterable<string>): this {
    for (const text of texts) {
      const counts = termCounts(text);
      this.#documents += 1;
      for (const [index, count] of counts) {
        this.#totalLength += count;
        this.#df.set(index, (this.#df.get(index) ?? 0) + 1);
      }
    }
    return this;
  }

  /** The BM25 document vector: tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)) per distinct token. */
  encodeDocument(text: string): SparseVector {
    const counts = termCounts(text);
    const length = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const average = this.averageLength > 0 ? this.averageLength : Math.max(1, length);
    const norm = this.k1 * (1 - this.b + (this.b * length) / average);
    const entries = [...counts].map(([index, tf]) => [index, (tf * (this.k1 + 1)) / (tf + norm)] as const);
    return toSparse(entries, this.maxTerms);
  }

  /** The query vector: idf = ln((N + 1) / (df + 0.5)) per distinct token, always positive. */
  encodeQuery(text: string): SparseVector {
    const entries = [...termCounts(text).keys()].map((index) =>
      [index, Math.log((this.#documents + 1) / ((this.#df.get(index) ?? 0) + 0.5))] as const);
    return toSparse(entries, this.maxTerms);
  }

  toJSON(): Bm25EncoderState {
    return {
      version: 1, k1: this.k1, b: this.b, documents: this.#documents, totalLength: this.#totalLength,
      df: Object.fromEntries([...this.#df].map(([index, count]) => [String(index), count])),
    };
  }

  /** Restores an encoder saved with `toJSON`. */
  static fromJSON(state: Bm25EncoderState, parameters: Pick<Bm25Parameters, 'maxTerms'> = {}): Bm25Encoder {
    const encoder = new Bm25Encoder({ k1: state.k1, b: state.b, ...parameters });
    encoder.#documents = state.documents;
    encoder.#totalLength = state.totalLength;
    for (const [index, count] of Object.entries(state.df)) encoder.#df.set(Number(index), count);
    return encoder;
  }
}

function toSparse(entries: ReadonlyArray<readonly [number, number]>, maxTerms: number): SparseVector {
  const kept = entries.filter(([, value]) => value > 0);
  const top = kept.length > maxTerms ? [...kept].sort((a, b) => b[1] - a[1]).slice(0, maxTerms) : kept;
  top.sort((a, b) => a[0] - b[0]);
  return { indices: top.map(([index]) => index), values: top.map(([, value]) => value) };
}
