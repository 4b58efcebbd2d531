/**
 * LangChain.js MemoryVectorStore on the same rows: addVectors (number[] vectors, as the
 * Embeddings interface returns them) in batches, then similaritySearchVectorWithScore(k=10).
 * Stops with status `dnf` when the build or the query phase exceeds its budget.
 */
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { K, SyntheticRows } from './data.ts';
import { childArgs, emit, forceGc, peakRssMb, progress, recallAt10, rowId, rssMb, stats, timeQueries, type SystemReport } from './report.ts';

const BATCH = 10_000;
const BUILD_BUDGET_MS = Number(process.env.BENCH_LC_BUILD_BUDGET_S ?? 600) * 1000;
const QUERY_BUDGET_MS = Number(process.env.BENCH_LC_QUERY_BUDGET_S ?? 600) * 1000;

/** Vectors are precomputed; the store only needs an Embeddings object to exist. */
class PrecomputedOnly extends Embeddings {
  embedDocuments(): Promise<number[][]> {
    return Promise.reject(new Error('bench/query passes vectors directly'));
  }
  embedQuery(): Promise<number[]> {
    return Promise.reject(new Error('bench/query passes vectors directly'));
  }
}

const { size, groundTruthFile } = childArgs();
forceGc();
const baselineRssMb = rssMb();
const started = performance.now();
const store = new MemoryVectorStore(new PrecomputedOnly({}));
const rows = new SyntheticRows(size);
const base = { system: 'LangChain.js MemoryVectorStore', size, index: 'none (exact scan, number[] + cosine, full sort)', baselineRssMb };
let buildMs = 0;
let loaded = 0;
while (!rows.done) {
  const vectors: number[][] = [];
  const documents: Document[] = [];
  rows.take(BATCH, (i, vector, text) => {
    vectors.push(Array.from(vector));
    documents.push(new Document({ pageContent: text, metadata: { id: rowId(i), documentId: `d${Math.floor(i / 50)}` }, id: rowId(i) }));
  });
  const t = performance.now();
  await store.addVectors(vectors, documents);
  buildMs += performance.now() - t;
  loaded += vectors.length;
  progress('addVectors', loaded, started);
  if (performance.now() - started > BUILD_BUDGET_MS && !rows.done) {
    finish({ status: 'dnf', reason: `build exceeded ${BUILD_BUDGET_MS / 1000} s budget: ${loaded} of ${size} rows loaded after ${((performance.now() - started) / 1000).toFixed(0)} s` }, {});
    process.exit(0);
  }
}
const generateSeconds = (performance.now() - started - buildMs) / 1000;
const ids = (results: [Document, number][]): string[] => results.map(([doc]) => String(doc.metadata['id']));
const run = await timeQueries(rows.queries, async (q) => ids(await store.similaritySearchVectorWithScore(Array.from(q.vector), K)), QUERY_BUDGET_MS);
const recall = recallAt10(run.results, groundTruthFile);
finish(
  run.stoppedEarly
    ? { status: 'dnf', reason: `query phase exceeded ${QUERY_BUDGET_MS / 1000} s budget after ${run.latencies.length} of ${rows.queries.length - 10} queries (latencies below are from those)` }
    : { status: 'ok' },
  { dense: stats(run.latencies, run.cpuMs) },
  recall,
  generateSeconds,
);

function finish(outcome: Pick<SystemReport, 'status' | 'reason'>, ops: SystemReport['ops'], recall?: number, generated?: number): void {
  forceGc();
  emit({
    type: 'result',
    report: {
      ...base, ...outcome, ops, buildSeconds: buildMs / 1000, generateSeconds: generated ?? (performance.now() - started - buildMs) / 1000,
      peakRssMb: peakRssMb(), servingRssMb: rssMb(), ...(recall === undefined ? {} : { recallAt10: recall }),
    },
  });
}
