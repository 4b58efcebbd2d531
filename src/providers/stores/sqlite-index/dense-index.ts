/**
 * The in-memory dense index of one unit table, derived from the vectors SQLite holds. Below
 * `annThreshold` live rows it is an exact scan; from there an HNSW index (usearch) is built in
 * the background in small chunks (the event loop keeps serving; searches use the exact scan until
 * it is complete), then kept up to date row by row and saved next to the database on close.
 * `watermark` / `goneMark` say which rows and deletions it has seen, so any process catches up
 * with writes made by others by reading only what is newer (`UnitTable.catchUp`).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { VectorFilter } from '../../../core/ports/index.ts';
import { createAnnIndex, loadAnn, rescoreCount, saveAnn, searchBeam, type AnnIndex } from './ann-file.ts';
import { ExactScan, normalize, type Candidate } from './exact-scan.ts';
import { RowFilter, type RowKeys } from './row-filter.ts';

export interface DenseRow extends RowKeys { vector: Float32Array }

export interface DenseIndexOptions { dimensions: number; annThreshold: number; annBase?: string | undefined }

const BUILD_CHUNK = 256;
const MAX_OVERSAMPLE = 4096;

export class DenseIndex {
  readonly rows = new RowFilter();
  watermark = 0;
  goneMark = 0;
  readonly #options: DenseIndexOptions;
  #exact: ExactScan | null;
  #ann: AnnIndex | null = null;
  #building: Promise<void> | null = null;
  #dirty = false;
  #closed = false;

  constructor(options: DenseIndexOptions) {
    this.#options = options;
    this.#exact = new ExactScan(options.dimensions);
  }

  /** True once searches go through the HNSW index. */
  get approximate(): boolean { return this.#ann !== null && this.#exact === null; }

  /** Uses the saved HNSW index when it covers no more than the database holds; the caller then catches up. */
  loadSaved(maxN: number, maxGone: number): boolean {
    if (this.#options.annBase === undefined) return false;
    const saved = loadAnn(this.#options.annBase, this.#options.dimensions);
    if (saved === null || saved.manifest.watermark > maxN || saved.manifest.goneMark > maxGone) return false;
    this.#ann = saved.index;
    this.#exact = null;
    this.watermark = saved.manifest.watermark;
    this.goneMark = saved.manifest.goneMark;
    return true;
  }

  /** After loading a saved index and catching up, its size must equal the live rows; false = rebuild. */
  consistent(): boolean {
    return this.#ann === null || this.#exact !== null || this.#ann.size() === this.rows.live;
  }

  add(rows: DenseRow[]): void {
    if (rows.length === 0) return;
    const ann = this.approximate ? this.#ann as AnnIndex : null;
    const keys: bigint[] = [];
    const flat = ann === null ? null : new Float32Array(rows.length * this.#options.dimensions);
    for (const row of rows) {
      if (this.rows.has(row.n)) this.remove([row.n]);
      this.rows.add(row);
      this.watermark = Math.max(this.watermark, row.n);
      const unit = normalize(row.vector);
      if (flat !== null) { flat.set(unit, keys.length * this.#options.dimensions); keys.push(BigInt(row.n)); }
      else this.#exact?.add(row.n, unit);
    }
    if (ann !== null && keys.length > 0) ann.add(keys, flat as Float32Array, 1);
    this.#dirty = true;
    this.#maybeBuild();
  }

  remove(ns: number[]): void {
    for (const n of ns) {
      // A saved index may hold rows deleted by another process (never loaded into `rows`).
      if (this.rows.remove(n)) this.#dirty = true;
      if (this.#ann !== null && this.#ann.contains(BigInt(n)) === true) { this.#ann.remove(BigInt(n)); this.#dirty = true; }
    }
    const exact = this.#exact;
    if (exact !== null && this.#building === null && exact.size > 1024 && this.rows.live < exact.size * 2 / 3) exact.compact((n) => this.rows.has(n));
  }

  /**
   * Candidates by cosine, best first: exactly the top k from the exact scan; from HNSW the best 2k+10
   * (`rescoreCount`) accepted rows of a beam of `searchBeam(size)` rows, which follows the index's row count on every
   * search (decision 0138), with approximate (f16) scores, for the caller to re-score. Null when a selective filter
   * left HNSW short even after oversampling (the caller then scans the filtered rows exactly).
   */
  search(query: Float32Array, k: number, filter: VectorFilter | undefined): Candidate[] | null {
    const unit = normalize(query);
    const accept = this.rows.accept(filter);
    if (this.#exact !== null || this.#ann === null) return this.#exact?.search(unit, k, accept) ?? [];
    const ann = this.#ann;
    const size = ann.size();
    const keep = rescoreCount(k);
    // usearch searches with a beam of max(expansion_search, wanted): asking for searchBeam(size) rows widens it as the
    // index grows (its JS API cannot change expansion_search on a built or loaded index).
    for (let wanted = Math.min(size, Math.max(keep, searchBeam(size))); ; wanted = Math.min(size, wanted * 4)) {
      const found = ann.search(unit, wanted, 1);
      const hits: Candidate[] = [];
      for (let i = 0; i < found.keys.length && hits.length < keep; i += 1) {
        const n = Number(found.keys[i]);
        if (accept(n)) hits.push({ n, score: 1 - (found.distances[i] as number) });
      }
      if (hits.length >= k || wanted >= size) return hits;
      if (wanted >= MAX_OVERSAMPLE) return null;
    }
  }

  /** Saves the HNSW index when it changed (on close; ANN mode only). */
  persist(): void {
    if (!this.#dirty || !this.approximate || this.#options.annBase === undefined) return;
    saveAnn(this.#options.annBase, this.#ann as AnnIndex, { watermark: this.watermark, goneMark: this.goneMark, dimensions: this.#options.dimensions });
    this.#dirty = false;
  }

  /** Resolves when a background build (if any) has finished. */
  async settled(): Promise<void> {
    await this.#building;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#building;
    this.persist();
  }

  #maybeBuild(): void {
    if (this.#building !== null || this.#ann !== null || this.rows.live < this.#options.annThreshold) return;
    if ((this.#exact as ExactScan).size <= BUILD_CHUNK) { void this.#build(); return; } // one chunk: done synchronously
    this.#building = this.#build().finally(() => { this.#building = null; });
  }

  async #build(): Promise<void> {
    const exact = this.#exact as ExactScan;
    const ann = createAnnIndex(this.#options.dimensions);
    const dims = this.#options.dimensions;
    let slot = 0;
    while (slot < exact.size) {
      if (this.#closed) return;
      const end = Math.min(exact.size, slot + BUILD_CHUNK);
      const keys: bigint[] = [];
      const flat = new Float32Array((end - slot) * dims);
      for (; slot < end; slot += 1) {
        const { n, vector } = exact.slot(slot);
        if (!this.rows.has(n) || ann.contains(BigInt(n)) === true) continue;
        flat.set(vector, keys.length * dims);
        keys.push(BigInt(n));
      }
      if (keys.length > 0) ann.add(keys, flat.subarray(0, keys.length * dims), 1);
      if (slot < exact.size) await yieldToLoop();
    }
    // Rows removed while building may already be in the graph.
    for (let s = 0; s < exact.size; s += 1) {
      const { n } = exact.slot(s);
      if (!this.rows.has(n) && ann.contains(BigInt(n)) === true) ann.remove(BigInt(n));
    }
    this.#ann = ann;
    this.#exact = null;
    this.#dirty = true;
  }
}
