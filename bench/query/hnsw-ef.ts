/**
 * HNSW recall@10 against the exact top-10 as `expansion_search` grows, on bench/query's synthetic rows, with the
 * store's own index (`createAnnIndex`: cos, f16, connectivity 16, expansion_add 128) and its search (2k+10
 * candidates re-scored exactly in fp32, as dense-index.ts + unit-table.ts do). The graph is built once (both
 * threads), saved, and loaded into an index made with each `expansion_search`; each is searched for each candidate
 * count (usearch's beam is max(expansion_search, candidates)), the top 10 of which are re-scored exactly. Recall is
 * reported on the two halves of the queries (even / odd) separately: fit a rule on one, report the other.
 * Usage: [BENCH_GT_FILE=<bench/query ground truth for this size>] node --import ./bin/register.mjs bench/query/hnsw-ef.ts [rows=1000000] [efs=96,192,384,768] [candidates=30,50,100,200]
 * (30 = 2k+10, the store's count today.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnnIndex, type AnnIndex } from '../../src/providers/stores/sqlite-index/ann-file.ts';
import { DIMS, K, SyntheticRows, WARMUP } from './data.ts';

const size = Number(process.argv[2] ?? 1_000_000);
const efs = (process.argv[3] ?? '96,192,384,768').split(',').map(Number);
const candidateCounts = (process.argv[4] ?? `${K * 2 + 10},50,100,200`).split(',').map(Number);
const rows = new SyntheticRows(size);
const vectors = new Float32Array(size * DIMS);
rows.take(size, (i, vector) => vectors.set(vector, i * DIMS));
const queries = rows.queries.slice(WARMUP);

const dot = (q: Float32Array, i: number): number => { let s = 0; for (let d = 0; d < DIMS; d++) s += (q[d] as number) * (vectors[i * DIMS + d] as number); return s; };
const topK = (q: Float32Array, ids: Iterable<number>): number[] => [...ids].map((i) => [i, dot(q, i)] as const).sort((a, b) => b[1] - a[1]).slice(0, K).map(([i]) => i);
// The exact top-10 per measured query: bench/query's brute-force ground truth (BENCH_GT_FILE, ids p<row>) when given,
// else an exact scan here.
const exact: number[][] = process.env.BENCH_GT_FILE
  ? (JSON.parse(readFileSync(process.env.BENCH_GT_FILE, 'utf8')) as string[][]).map((ids) => ids.map((id) => Number(id.slice(1))))
  : queries.map((q) => {
    const best: Array<[number, number]> = [];
    for (let i = 0; i < size; i++) {
      const score = dot(q.vector, i);
      if (best.length < K || score > (best[best.length - 1] as [number, number])[1]) { best.push([i, score]); best.sort((a, b) => b[1] - a[1]); if (best.length > K) best.pop(); }
    }
    return best.map(([i]) => i);
  });
let t = performance.now();

// BENCH_HNSW_GRAPH=<file>: keep the built graph there, or load it from there when it exists (a re-sweep skips the build).
const dir = mkdtempSync(join(tmpdir(), 'propo-hnsw-ef-'));
const graph = process.env.BENCH_HNSW_GRAPH ?? join(dir, 'g.usearch');
try {
  if (!existsSync(graph)) {
    t = performance.now();
    const build = createAnnIndex(DIMS);
    const keys = Array.from({ length: size }, (_, i) => BigInt(i));
    for (let at = 0; at < size; at += 50_000) {
      const end = Math.min(size, at + 50_000);
      build.add(keys.slice(at, end), vectors.subarray(at * DIMS, end * DIMS), 2);
    }
    const buildSeconds = (performance.now() - t) / 1000;
    build.save(graph);
    process.stderr.write(`built ${size} rows in ${buildSeconds.toFixed(1)} s (2 threads)\n`);
  }
  const lines = ['| rows | expansion_search | candidates | recall@10 even half | odd half | all | CPU ms/query p50 | p95 |', '|---:|---:|---:|---:|---:|---:|---:|---:|'];
  const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
  for (const ef of efs) {
    let index: AnnIndex | null = createAnnIndex(DIMS, ef);
    index.load(graph);
    if (index.size() !== size) throw new Error(`${graph} holds ${index.size()} rows, not ${size}`);
    for (const q of rows.queries.slice(0, WARMUP)) index.search(q.vector, Math.max(...candidateCounts), 1); // pages in
    for (const wanted of candidateCounts) {
      const hits: [number, number] = [0, 0];
      const counted: [number, number] = [0, 0];
      const times: number[] = [];
      queries.forEach((q, n) => {
        const started = process.cpuUsage();
        const found = (index as AnnIndex).search(q.vector, wanted, 1);
        const best = topK(q.vector, Array.from(found.keys, Number));
        const used = process.cpuUsage(started);
        times.push((used.user + used.system) / 1000);
        const truth = new Set(exact[n]);
        const half = n % 2 === 0 ? 0 : 1;
        hits[half] += best.filter((i) => truth.has(i)).length;
        counted[half] += K;
      });
      times.sort((a, b) => a - b);
      const [even, odd] = [hits[0] / counted[0], hits[1] / counted[1]];
      const all = (hits[0] + hits[1]) / (counted[0] + counted[1]);
      lines.push(`| ${size.toLocaleString('en-US')} | ${ef} | ${wanted} | ${even.toFixed(3)} | ${odd.toFixed(3)} | ${all.toFixed(3)} | ${pct(times, 0.5).toFixed(2)} | ${pct(times, 0.95).toFixed(2)} |`);
      process.stderr.write(`${lines[lines.length - 1]}\n`);
    }
    index = null;
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
