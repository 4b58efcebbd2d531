/**
 * Spherical k-means: k-means with cosine similarity on unit vectors. Centroids are the
 * re-normalised means of their members, so "nearest centroid" is "largest dot product".
 * Initialised with k-means++ (the next seed is drawn with probability ∝ squared cosine
 * distance to the closest seed so far) from a seeded generator, so runs are reproducible.
 */
import { l2Normalize } from '../embed/index.ts';
import { seededRandom } from '../eval/seeded-random.ts';

export interface KmeansOptions {
  /** Seed of the k-means++ draws (default 42). */
  seed?: number;
  /** Lloyd iterations at most (default 50); stops earlier when no assignment changes. */
  maxIterations?: number;
}

export interface KmeansResult {
  /** k unit vectors (fewer when there are fewer distinct points than k). */
  centroids: Float32Array[];
  /** Index of each point's centroid. */
  assignments: number[];
  /** Members per centroid. */
  sizes: number[];
  iterations: number;
}

/** Dot product; the cosine similarity of two unit vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Index and similarity of the centroid nearest to `vector` (-1 when there are none). */
export function nearestCentroid(vector: ArrayLike<number>, centroids: readonly ArrayLike<number>[]): { index: number; similarity: number } {
  let index = -1;
  let similarity = -Infinity;
  centroids.forEach((centroid, i) => {
    const s = dot(vector, centroid);
    if (s > similarity) { similarity = s; index = i; }
  });
  return { index, similarity };
}

/** Clusters unit vectors `points` into `k` groups by cosine similarity. */
export function sphericalKmeans(points: readonly Float32Array[], k: number, options: KmeansOptions = {}): KmeansResult {
  const random = seededRandom(options.seed ?? 42);
  const maxIterations = options.maxIterations ?? 50;
  if (points.length === 0 || k <= 0) return { centroids: [], assignments: [], sizes: [], iterations: 0 };
  const dimensions = (points[0] as Float32Array).length;
  const centroids = seedPlusPlus(points, k, random);
  let assignments = points.map(() => -1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const next = points.map((p) => nearestCentroid(p, centroids).index);
    const changed = next.some((c, i) => c !== assignments[i]);
    assignments = next;
    if (!changed) break;
    const sums = centroids.map(() => new Float32Array(dimensions));
    points.forEach((p, i) => {
      const sum = sums[assignments[i] as number] as Float32Array;
      for (let d = 0; d < dimensions; d++) sum[d] = (sum[d] as number) + (p[d] as number);
    });
    sums.forEach((sum, c) => {
      // An emptied cluster keeps its previous centroid rather than collapsing to zero.
      if (sum.some((v) => v !== 0)) centroids[c] = l2Normalize(sum);
    });
  }
  const sizes = centroids.map(() => 0);
  for (const a of assignments) sizes[a] = (sizes[a] as number) + 1;
  return { centroids, assignments, sizes, iterations };
}

function seedPlusPlus(points: readonly Float32Array[], k: number, random: () => number): Float32Array[] {
  const first = points[Math.floor(random() * points.length)] as Float32Array;
  const centroids = [Float32Array.from(first)];
  const distance = points.map((p) => squaredCosineDistance(p, first));
  while (centroids.length < k) {
    const total = distance.reduce((s, d) => s + d, 0);
    if (total <= 1e-12) break; // every point coincides with a seed: fewer distinct clusters than k
    let target = random() * total;
    let chosen = distance.length - 1;
    for (let i = 0; i < distance.length; i++) {
      target -= distance[i] as number;
      if (target <= 0) { chosen = i; break; }
    }
    const seed = points[chosen] as Float32Array;
    centroids.push(Float32Array.from(seed));
    points.forEach((p, i) => { distance[i] = Math.min(distance[i] as number, squaredCosineDistance(p, seed)); });
  }
  return centroids;
}

function squaredCosineDistance(a: Float32Array, b: Float32Array): number {
  const d = Math.max(0, 1 - dot(a, b));
  return d * d;
}
