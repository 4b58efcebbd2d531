/**
 * Exact cosine search over unit-normalised vectors in one growable Float32Array: the dense index
 * below the ANN threshold and while an ANN index is being built. Removed rows are skipped by the
 * caller's predicate; their slots are reclaimed by `compact` when a third of them are dead.
 */
export interface Candidate { n: number; score: number }

export class ExactScan {
  readonly #dims: number;
  #matrix: Float32Array;
  #keys: Int32Array;
  #size = 0;

  constructor(dimensions: number) {
    this.#dims = dimensions;
    this.#matrix = new Float32Array(1024 * dimensions);
    this.#keys = new Int32Array(1024);
  }

  get size(): number { return this.#size; }

  /** Row number and vector of slot `slot` (the ANN build reads them in order). */
  slot(slot: number): { n: number; vector: Float32Array } {
    return { n: this.#keys[slot] as number, vector: this.#matrix.subarray(slot * this.#dims, (slot + 1) * this.#dims) };
  }

  add(n: number, unit: Float32Array): void {
    if (this.#size === this.#keys.length) {
      const matrix = new Float32Array(this.#matrix.length * 2);
      matrix.set(this.#matrix);
      const keys = new Int32Array(this.#keys.length * 2);
      keys.set(this.#keys);
      this.#matrix = matrix;
      this.#keys = keys;
    }
    this.#matrix.set(unit, this.#size * this.#dims);
    this.#keys[this.#size] = n;
    this.#size += 1;
  }

  /** Keeps only the slots whose row is still alive (order preserved). */
  compact(alive: (n: number) => boolean): void {
    let out = 0;
    for (let slot = 0; slot < this.#size; slot += 1) {
      const n = this.#keys[slot] as number;
      if (!alive(n)) continue;
      if (out !== slot) this.#matrix.copyWithin(out * this.#dims, slot * this.#dims, (slot + 1) * this.#dims);
      this.#keys[out] = n;
      out += 1;
    }
    this.#size = out;
  }

  search(query: Float32Array, k: number, accept: (n: number) => boolean): Candidate[] {
    const dims = this.#dims;
    const matrix = this.#matrix;
    const top: Candidate[] = [];
    let floor = -Infinity;
    for (let slot = 0; slot < this.#size; slot += 1) {
      const n = this.#keys[slot] as number;
      if (!accept(n)) continue;
      let dot = 0;
      const base = slot * dims;
      for (let i = 0; i < dims; i += 1) dot += (matrix[base + i] as number) * (query[i] as number);
      if (top.length < k) {
        top.push({ n, score: dot });
        if (top.length === k) { top.sort(byScore); floor = (top[k - 1] as Candidate).score; }
      } else if (dot > floor) {
        top[k - 1] = { n, score: dot };
        top.sort(byScore);
        floor = (top[k - 1] as Candidate).score;
      }
    }
    return top.sort(byScore);
  }
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.n - b.n;
}

/** Unit-length copy of `vector` (zero stays zero). */
export function normalize(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i += 1) norm += (out[i] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i += 1) out[i] = (out[i] as number) / norm;
  return out;
}
