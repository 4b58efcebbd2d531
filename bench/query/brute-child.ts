/**
 * Baseline: a Float32Array matrix of unit vectors, dot product against every row, top-k kept in a
 * k-sized min-heap. Exact, so its top-10 is the ground truth written to BENCH_GT_FILE.
 */
import { writeFileSync } from 'node:fs';
import { DIMS, K, SyntheticRows } from './data.ts';
import { childArgs, emit, forceGc, peakRssMb, progress, rowId, rssMb, stats, timeQueries } from './report.ts';

/** Indices of the k largest scores, best first. */
export function topK(matrix: Float32Array, rows: number, query: Float32Array, k: number): number[] {
  const heapScore = new Float64Array(k).fill(-Infinity);
  const heapIndex = new Int32Array(k).fill(-1);
  for (let r = 0; r < rows; r++) {
    let dot = 0;
    const base = r * DIMS;
    for (let d = 0; d < DIMS; d++) dot += (matrix[base + d] as number) * (query[d] as number);
    if (dot <= (heapScore[0] as number)) continue;
    // replace the root (the smallest kept score) and sift down
    let i = 0;
    for (;;) {
      const left = 2 * i + 1, right = left + 1;
      let smallest = i;
      let smallestScore = dot;
      if (left < k && (heapScore[left] as number) < smallestScore) { smallest = left; smallestScore = heapScore[left] as number; }
      if (right < k && (heapScore[right] as number) < smallestScore) smallest = right;
      if (smallest === i) break;
      heapScore[i] = heapScore[smallest] as number;
      heapIndex[i] = heapIndex[smallest] as number;
      i = smallest;
    }
    heapScore[i] = dot;
    heapIndex[i] = r;
  }
  return [...heapIndex.keys()].filter((slot) => (heapIndex[slot] as number) >= 0)
    .sort((a, b) => (heapScore[b] as number) - (heapScore[a] as number)).map((slot) => heapIndex[slot] as number);
}

const { size, groundTruthFile } = childArgs();
forceGc();
const baselineRssMb = rssMb();
const started = performance.now();
let buildMs = 0;
const matrix = new Float32Array(size * DIMS);
const rows = new SyntheticRows(size);
rows.take(size, (index, vector) => {
  const t = performance.now();
  matrix.set(vector, index * DIMS);
  buildMs += performance.now() - t;
  if ((index + 1) % 100_000 === 0) progress('load', index + 1, started);
});
const generateSeconds = (performance.now() - started - buildMs) / 1000;
const buildSeconds = buildMs / 1000;
const run = await timeQueries(rows.queries, (query) => Promise.resolve(topK(matrix, size, query.vector, K)));
if (groundTruthFile !== undefined) writeFileSync(groundTruthFile, JSON.stringify(run.results.map((ids) => ids.map(rowId))));
forceGc();
emit({
  type: 'result',
  report: {
    system: 'brute force', size, status: 'ok', index: 'none (exact scan, Float32Array)', buildSeconds, generateSeconds, baselineRssMb,
    peakRssMb: peakRssMb(), servingRssMb: rssMb(), ops: { dense: stats(run.latencies, run.cpuMs) }, recallAt10: 1,
  },
});
