/**
 * Deterministic synthetic propositions for bench/query: every child process regenerates the same
 * rows from the same seeds. Vectors: 384-dim, 256 random unit centroids + Gaussian noise, unit
 * normalised (same-cluster cosine ≈ 0.5). Texts: 8–25 words from a Zipf(1.07) vocabulary of 50k
 * pseudo-words. Queries: perturbed copies of random rows' vectors + 3–4 words of the same row.
 */
import { seededRandom } from '../../src/core/eval/seeded-random.ts';

export const DIMS = 384;
export const QUERIES = 200;
export const WARMUP = 10;
export const K = 10;
const CENTROIDS = 256;
const VOCABULARY = 50_000;
const ZIPF_S = 1.07;
const NOISE = 1.0; // expected noise norm relative to the unit centroid
const QUERY_NOISE = 0.35;

/** mulberry32: small, fast, seeded (the eval harness's generator). */
export const rng = seededRandom;

function gaussian(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    const u = random() || 1e-12;
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

export function normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) ** 2;
  const inv = 1 / Math.sqrt(sum || 1);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

const SYLLABLES = ['ka', 'ro', 'mi', 'tu', 'ne', 'sa', 'lo', 'vi', 'de', 'po', 'ga', 'ri', 'zu', 'fe', 'ho', 'bi', 'ny', 'cha', 'qu', 'wen'];
function pseudoWord(rank: number): string {
  let word = '';
  let n = rank + SYLLABLES.length; // at least two syllables
  while (n > 0) { word += SYLLABLES[n % SYLLABLES.length]; n = Math.floor(n / SYLLABLES.length); }
  return `${word}x`; // trailing x: keeps pseudo-words off the English stop-word list and stemmer suffixes
}

export interface Query { row: number; vector: Float32Array; text: string }

/**
 * Stateful generator of rows 0..n-1: `take(count, onRow)` produces the next `count` rows in order
 * (the vector buffer is reused: copy it to keep it) and collects the queries (warm-up first).
 */
export class SyntheticRows {
  readonly queries: Query[];
  #next = 0;
  readonly #wanted = new Map<number, number[]>();
  readonly #vocabulary = Array.from({ length: VOCABULARY }, (_, rank) => pseudoWord(rank));
  readonly #cdf = new Float64Array(VOCABULARY);
  readonly #centroids: Float32Array[];
  readonly #vecRandom = rng(23);
  readonly #noise = gaussian(rng(29));
  readonly #textRandom = rng(31);
  readonly #buffer = new Float32Array(DIMS);

  constructor(readonly size: number) {
    const random = rng(97 + size);
    const rows = Array.from({ length: WARMUP + QUERIES }, () => Math.floor(random() * size));
    rows.forEach((row, slot) => this.#wanted.set(row, [...(this.#wanted.get(row) ?? []), slot]));
    this.queries = new Array<Query>(rows.length);
    let total = 0;
    for (let r = 0; r < VOCABULARY; r++) this.#cdf[r] = total += 1 / (r + 1) ** ZIPF_S;
    const centroidGauss = gaussian(rng(11));
    this.#centroids = Array.from({ length: CENTROIDS }, () => normalise(Float32Array.from({ length: DIMS }, centroidGauss)));
  }

  get done(): boolean {
    return this.#next >= this.size;
  }

  take(count: number, onRow: (index: number, vector: Float32Array, text: string) => void): void {
    const end = Math.min(this.size, this.#next + count);
    const sigma = NOISE / Math.sqrt(DIMS);
    for (; this.#next < end; this.#next++) {
      const centroid = this.#centroids[Math.floor(this.#vecRandom() * CENTROIDS)] as Float32Array;
      for (let d = 0; d < DIMS; d++) this.#buffer[d] = (centroid[d] as number) + sigma * this.#noise();
      normalise(this.#buffer);
      const words = 8 + Math.floor(this.#textRandom() * 18);
      const parts: string[] = [];
      for (let w = 0; w < words; w++) parts.push(this.#word(this.#textRandom()));
      const text = parts.join(' ');
      onRow(this.#next, this.#buffer, text);
      for (const slot of this.#wanted.get(this.#next) ?? []) this.queries[slot] = makeQuery(this.#next, this.#buffer, text);
    }
  }

  #word(u: number): string {
    let lo = 0, hi = VOCABULARY - 1;
    const target = u * (this.#cdf[VOCABULARY - 1] as number);
    while (lo < hi) { const mid = (lo + hi) >> 1; if ((this.#cdf[mid] as number) < target) lo = mid + 1; else hi = mid; }
    return this.#vocabulary[lo] as string;
  }
}

/** Builds a query from a row: its vector plus Gaussian noise (re-normalised) and 3–4 consecutive words of its text. */
function makeQuery(row: number, vector: Float32Array, text: string): Query {
  const random = rng(1009 + row);
  const noise = gaussian(random);
  const sigma = QUERY_NOISE / Math.sqrt(DIMS);
  const q = Float32Array.from(vector, (x) => x + sigma * noise());
  const words = text.split(' ');
  const count = 3 + Math.floor(random() * 2);
  const start = Math.floor(random() * Math.max(1, words.length - count));
  return { row, vector: normalise(q), text: words.slice(start, start + count).join(' ') };
}
