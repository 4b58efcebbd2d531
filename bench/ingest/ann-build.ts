/**
 * HNSW build cost on an ingest-sized unit table (decision 0096): the proposition texts of a Propo database (argv[2],
 * e.g. the data dir of a real-set `bin/propo ingest`), embedded with the hash embedder (1024 dims, normalised), added
 * to usearch as `ann-file.ts` configures it, in 256-row chunks like `DenseIndex`, with `threads` = 1 and 2 and
 * expansion_add 128 / 64. Reports process CPU and wall per build and recall@10 against the exact top 10 for 200
 * propositions used as queries. node --import ./bin/register.mjs bench/ingest/ann-build.ts <propo.sqlite>
 */
import Database from 'better-sqlite3';
import usearch from 'usearch';
import { createHashEmbedder } from '../../src/providers/embedders/hash/index.ts';
import { normalize } from '../../src/providers/stores/sqlite-index/exact-scan.ts';

const db = new Database(process.argv[2] as string, { readonly: true });
const texts = (db.prepare('SELECT text FROM propositions ORDER BY rowid').all() as Array<{ text: string }>).map((r) => r.text);
const embedder = createHashEmbedder({ dimensions: 1024 });
const dims = embedder.dimensions;
const vectors: Float32Array[] = [];
for (let i = 0; i < texts.length; i += embedder.maxInputsPerCall) vectors.push(...(await embedder.embed(texts.slice(i, i + embedder.maxInputsPerCall))).map((v) => normalize(v)));
const queries = Array.from({ length: 200 }, (_, i) => Math.floor((i * 7919) % vectors.length));
const exact = queries.map((q) => {
  const v = vectors[q] as Float32Array;
  return vectors.map((w, n) => { let s = 0; for (let d = 0; d < dims; d++) s += (v[d] as number) * (w[d] as number); return [n, s] as const; }).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n]) => n);
});
const lines = [`${vectors.length} vectors × ${dims}`, '| expansion_add | threads | build CPU s | build wall s | recall@10 |', '|---|---|---|---|---|'];
for (const expansion of [128, 64]) {
  for (const threads of [1, 2]) {
    const index = new usearch.Index({ dimensions: dims, metric: usearch.MetricKind.Cos, quantization: usearch.ScalarKind.F16, connectivity: 16, expansion_add: expansion, expansion_search: 96, multi: false });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let at = 0; at < vectors.length; at += 256) {
      const chunk = vectors.slice(at, at + 256);
      const flat = new Float32Array(chunk.length * dims);
      chunk.forEach((v, i) => flat.set(v, i * dims));
      index.add(chunk.map((_, i) => BigInt(at + i)), flat, threads);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    let hit = 0;
    queries.forEach((q, i) => {
      const found = new Set(Array.from(index.search(vectors[q] as Float32Array, 10, 1).keys, Number));
      for (const n of exact[i] as number[]) if (found.has(n)) hit++;
    });
    lines.push(`| ${expansion} | ${threads} | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} | ${wall.toFixed(1)} | ${(hit / (queries.length * 10)).toFixed(3)} |`);
    process.stderr.write(`${lines.at(-1)}\n`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
