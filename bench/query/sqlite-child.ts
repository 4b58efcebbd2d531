/**
 * Propo's SQLite store (the default, decision 0010) through its real API: upsert in chunks into a
 * fresh database file, wait for the background HNSW builds, then timed searchDense, searchText
 * (FTS5 BM25), the BM25-only default path (`hybridSearch` without an embedder) and the full
 * hybridSearch. Then two restarts: with the saved HNSW file (load) and without it (rebuild from
 * the vectors in SQLite), both timed. The query embedding is precomputed: embedding cost is excluded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hybridSearch } from '../../src/core/retrieval/hybrid-search.ts';
import { configSchema } from '../../src/core/config/index.ts';
import { createSqliteVectorStore, type SqliteVectorStore } from '../../src/providers/stores/sqlite-index/index.ts';
import { DIMS, K, SyntheticRows } from './data.ts';
import { childArgs, emit, loadSyntheticRows, forceGc, peakRssMb, progress, recallAt10, rssMb, stats, timeQueries } from './report.ts';

const CHUNK = Number(process.env.BENCH_SQLITE_CHUNK ?? 5_000);
const ROWS_PER_DOC = 50;
const { size, groundTruthFile } = childArgs();
const dir = await mkdtemp(join(tmpdir(), 'propo-bench-query-'));
const identity = { embedder: 'bench-synthetic', dimensions: DIMS };
const file = join(dir, 'propo.sqlite');
let store: SqliteVectorStore = createSqliteVectorStore({ file });
forceGc();
const baselineRssMb = rssMb();
const started = performance.now();
let buildMs = 0;
try {
  await store.open(identity);
  const rows = new SyntheticRows(size);
  buildMs += (await loadSyntheticRows(store, rows, CHUNK, started)) * 1000;
  const writeSeconds = buildMs / 1000;
  let t = performance.now();
  await store.settled();
  buildMs += performance.now() - t;
  const generateSeconds = (performance.now() - started - buildMs) / 1000;
  progress('indexed', size, started);
  const index = (await store.health()).detail ?? '';

  const visible = new Set(Array.from({ length: Math.ceil(size / ROWS_PER_DOC) }, (_, d) => `d${d}`));
  const ordered = rows.queries;
  const dense = await timeQueries(ordered, async (q) => (await store.searchDense(q.vector, K)).map((hit) => hit.id));
  const text = await timeQueries(ordered, async (q) => (await store.searchText(q.text, K)).length);
  const r = configSchema.parse({}).retrieval;
  const options = { k: K, candidates: r.candidates, method: r.fusion === 'auto' ? 'weighted' as const : r.fusion, denseWeight: r.denseWeight, bm25Weight: r.bm25Weight, rrfK: r.rrfK };
  const bm25Only = await timeQueries(ordered, async (q) => (await hybridSearch({
    vectors: store, embedQuery: () => Promise.reject(new Error('bm25 mode embeds nothing')), visibleDocumentIds: () => visible, paragraph: () => null,
  }, q.text, { ...options, mode: 'bm25' })).hits.length);
  const hybrid = await timeQueries(ordered, async (q) => (await hybridSearch({
    vectors: store, embedQuery: () => Promise.resolve(q.vector), visibleDocumentIds: () => visible, paragraph: () => null,
  }, q.text, options)).hits.length);
  forceGc();
  const servingRssMb = rssMb();

  // Restarts: from the saved HNSW file, then from SQLite alone.
  await store.close();
  t = performance.now();
  store = createSqliteVectorStore({ file });
  await store.open(identity);
  const reopenSeconds = (performance.now() - t) / 1000;
  // BENCH_SKIP_REBUILD=1 skips the from-scratch rebuild (≈ 15–50 min at 1M on 2 cores); it is then reported as NaN.
  let rebuildSeconds = Number.NaN;
  if (process.env.BENCH_SKIP_REBUILD !== '1') {
    await store.close();
    await rm(join(dir, 'ann'), { recursive: true, force: true });
    t = performance.now();
    store = createSqliteVectorStore({ file });
    await store.open(identity);
    await store.settled();
    rebuildSeconds = (performance.now() - t) / 1000;
  }

  emit({
    type: 'result',
    report: {
      system: 'Propo SQLite', size, status: 'ok', index, buildSeconds: buildMs / 1000,
      generateSeconds, baselineRssMb, peakRssMb: peakRssMb(), servingRssMb,
      ops: { searchDense: stats(dense.latencies, dense.cpuMs), searchText: stats(text.latencies, text.cpuMs), 'bm25-only default': stats(bm25Only.latencies, bm25Only.cpuMs), hybrid: stats(hybrid.latencies, hybrid.cpuMs) },
      ...(recallAt10(dense.results, groundTruthFile) === undefined ? {} : { recallAt10: recallAt10(dense.results, groundTruthFile) as number }),
      notes: `upserts of ${CHUNK} rows: ${writeSeconds.toFixed(1)} s, then HNSW build ${(buildMs / 1000 - writeSeconds).toFixed(1)} s; restart with the saved HNSW file ${reopenSeconds.toFixed(1)} s, rebuild from SQLite ${rebuildSeconds.toFixed(1)} s; searchText hits/query mean ${(text.results.reduce((a, b) => a + b, 0) / text.results.length).toFixed(1)}`,
    },
  });
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
