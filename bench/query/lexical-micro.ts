/**
 * bench/query/lexical-micro.ts (decision 0090): one unit table of the bench/query synthetic texts at N rows
 * (default 100k), BM25 top-10 through the in-memory MaxScore index vs FTS5 `ORDER BY rank` on the same
 * queries in the same run; checks that both rankings agree and prints CPU ms/query, p50/p95 wall, build
 * time and RSS. Usage: nice -n 10 node --expose-gc --import ./bin/register.mjs bench/query/lexical-micro.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/providers/stores/sqlite/index.ts';
import { UnitTable } from '../../src/providers/stores/sqlite-index/unit-table.ts';
import { K } from './data.ts';
import { fillLexicalTable } from './lexical-table.ts';

const size = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'propo-lexical-micro-'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
try {
  const db = openDatabase(join(dir, 'propo.sqlite'));
  const table = new UnitTable(db, 'vec_t', { dimensions: 1, annThreshold: Number.POSITIVE_INFINITY });
  table.open();
  const rows = fillLexicalTable(db, table, size);
  table.catchUp();
  gc();
  const before = rssMb();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  table.searchText('warm up the index', K, undefined);
  const buildCpu = process.cpuUsage(c0);
  const buildMs = performance.now() - t0;
  gc();
  const after = rssMb();
  const queries = rows.queries.map((q) => q.text);
  const time = (name: string, search: (q: string) => string[]) => {
    const results: string[][] = [];
    const latencies: number[] = [];
    for (const q of queries.slice(0, 10)) search(q);
    const c = process.cpuUsage();
    for (const q of queries) { const t = performance.now(); results.push(search(q)); latencies.push(performance.now() - t); }
    const used = process.cpuUsage(c);
    latencies.sort((a, b) => a - b);
    const cpu = (used.user + used.system) / 1000 / queries.length;
    console.log(`${name}: CPU ${cpu.toFixed(2)} ms/query, wall p50 ${latencies[latencies.length >> 1]?.toFixed(2)} p95 ${latencies[Math.floor(latencies.length * 0.95)]?.toFixed(2)} ms`);
    return { results, cpu };
  };
  const ours = time('in-memory MaxScore', (q) => table.searchText(q, K, undefined).map((h) => `${h.id}:${h.score}`));
  const fts = time('FTS5 ORDER BY rank', (q) => table.searchTextFts(q, K, undefined).map((h) => `${h.id}:${h.score}`));
  const same = ours.results.filter((r, i) => JSON.stringify(r) === JSON.stringify(fts.results[i])).length;
  console.log(`rows ${size}, queries ${queries.length}; identical top-${K} (ids and scores): ${same}/${queries.length}; CPU ratio FTS5/in-memory ${(fts.cpu / ours.cpu).toFixed(1)}×`);
  console.log(`index build on first search: ${buildMs.toFixed(0)} ms wall, ${((buildCpu.user + buildCpu.system) / 1000).toFixed(0)} ms CPU; typed arrays ${(table.lexicalBytes / 2 ** 20).toFixed(1)} MB; RSS ${before} → ${after} MB`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
