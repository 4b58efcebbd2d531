/**
 * Propo's LanceDB store through its real API: upsert in chunks (store defaults: batches of 1000,
 * HNSW-SQ vector index from 100k rows, periodic optimize), a final optimize(), then timed
 * searchDense, searchText (BM25 FTS) and the full hybridSearch (both lists with the app's default
 * candidates and fusion, unit filter, de-duplication). The query embedding is precomputed: embedding cost is excluded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import type { VectorRecord } from '../../src/core/domain/index.ts';
import { hybridSearch } from '../../src/core/retrieval/hybrid-search.ts';
import { configSchema } from '../../src/core/config/index.ts';
import { retrievalSettings } from '../../src/app/retrieval-settings.ts';
import { createLanceDbStore } from '../../src/providers/stores/lancedb/index.ts';
import { DIMS, K, SyntheticRows } from './data.ts';
import { childArgs, emit, forceGc, peakRssMb, progress, recallAt10, rowId, rssMb, stats, timeQueries } from './report.ts';

const CHUNK = Number(process.env.BENCH_LANCE_CHUNK ?? 50_000);
const ROWS_PER_DOC = 50;
const { size, groundTruthFile } = childArgs();
const dir = await mkdtemp(join(tmpdir(), 'propo-bench-query-'));
// Same store settings as the app (src/app/create-vector-store.ts): no automatic ANN index unless BENCH_LANCE_INDEX_AT is set.
const store = createLanceDbStore({ dir, vectorIndexThreshold: Number(process.env.BENCH_LANCE_INDEX_AT ?? Number.POSITIVE_INFINITY) });
forceGc();
const baselineRssMb = rssMb();
const started = performance.now();
let buildMs = 0;
try {
  await store.open({ embedder: 'bench-synthetic', dimensions: DIMS });
  const rows = new SyntheticRows(size);
  let loaded = 0;
  while (!rows.done) {
    const records: VectorRecord[] = [];
    rows.take(CHUNK, (i, vector, text) => records.push({
      id: rowId(i), documentId: `d${Math.floor(i / ROWS_PER_DOC)}`, namespace: 'default', text, vector: Float32Array.from(vector),
      unit: 'proposition', page: 1 + (i % 30), start: 0, end: text.length, paragraphId: `par${Math.floor(i / 5)}`, file: `f${Math.floor(i / ROWS_PER_DOC)}.pdf`, expert: null,
    }));
    const t = performance.now();
    await store.upsert(records);
    buildMs += performance.now() - t;
    loaded += records.length;
    progress('upsert', loaded, started);
  }
  const t = performance.now();
  await store.optimize();
  buildMs += performance.now() - t;
  const generateSeconds = (performance.now() - started - buildMs) / 1000;
  const connection = await connect(dir);
  const table = await connection.openTable(store.tableName);
  const index = (await table.listIndices()).map((i) => `${i.indexType}(${i.columns.join(',')})`).join(' + ');
  table.close();
  connection.close();
  progress('indexed', size, started);

  const visible = new Set(Array.from({ length: Math.ceil(size / ROWS_PER_DOC) }, (_, d) => `d${d}`));
  const ordered = rows.queries;
  const dense = await timeQueries(ordered, async (q) => (await store.searchDense(q.vector, K)).map((hit) => hit.id));
  const text = await timeQueries(ordered, async (q) => (await store.searchText(q.text, K)).length);
  // The app's hybrid fusion settings for a vector embedder (weighted, as for EMBEDDER=hash), read from the config schema.
  const r = configSchema.parse({}).retrieval;
  const fusion = retrievalSettings(r, 'lexical');
  const hybrid = await timeQueries(ordered, async (q) => (await hybridSearch({
    vectors: store, embedQuery: () => Promise.resolve(q.vector), visibleDocumentIds: () => visible, paragraph: () => null,
  }, q.text, { k: K, candidates: r.candidates, ...fusion })).hits.length);
  forceGc();
  emit({
    type: 'result',
    report: {
      system: 'Propo LanceDB', size, status: 'ok', index, buildSeconds: buildMs / 1000,
      generateSeconds, baselineRssMb, peakRssMb: peakRssMb(), servingRssMb: rssMb(),
      ops: { searchDense: stats(dense.latencies, dense.cpuMs), searchText: stats(text.latencies, text.cpuMs), hybrid: stats(hybrid.latencies, hybrid.cpuMs) },
      ...optional(recallAt10(dense.results, groundTruthFile)),
      notes: `chunks of ${CHUNK} rows per upsert; searchText hits/query mean ${(text.results.reduce((a, b) => a + b, 0) / text.results.length).toFixed(1)}`,
    },
  });
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

function optional(recall: number | undefined): { recallAt10?: number } {
  return recall === undefined ? {} : { recallAt10: recall };
}
