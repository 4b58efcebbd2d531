/**
 * Micro-benchmark of the LanceDB store: upsert throughput (384-dim), searchDense / searchText
 * latency p50/p95 at 10k and 100k rows (random vectors, synthetic Zipf text), optimize and
 * vector-index build time, and recall@10 of the HNSW index against exact search.
 * Run: node --import ./bin/register.mjs bench/lancedb-micro.ts [maxRows=100000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VectorRecord } from '../src/core/domain/index.ts';
import { createLanceDbStore, type LanceDbStore } from '../src/providers/stores/lancedb/index.ts';

const DIMS = 384;
const BATCH = 1000;
const QUERIES = 50;
const maxRows = Number(process.argv[2] ?? 100_000);
const identity = { embedder: 'bench-random', dimensions: DIMS };

let seed = 42;
const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
const word = (): string => vocabulary[Math.min(vocabulary.length - 1, Math.floor(1 / (random() + 1e-4)) - 1 + Math.floor(random() * 50))] ?? 'w0x';
const vector = (): Float32Array => Float32Array.from({ length: DIMS }, () => random() - 0.5);

function makeRecords(from: number, count: number): VectorRecord[] {
  return Array.from({ length: count }, (_, offset) => {
    const i = from + offset;
    return {
      id: `prop_${i}`, documentId: `doc_${Math.floor(i / 200)}`, namespace: i % 10 === 0 ? 'other' : 'default',
      text: Array.from({ length: 12 + (i % 10) }, word).join(' '), vector: vector(), unit: 'proposition',
      page: 1 + (i % 30), start: 0, end: 100, paragraphId: `par_${Math.floor(i / 5)}`, file: `file_${Math.floor(i / 200)}.pdf`, expert: null,
    };
  });
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function latency(store: LanceDbStore, label: string): Promise<Map<number, string[]>> {
  const dense: number[] = [], text: number[] = [], filtered: number[] = [];
  const topIds = new Map<number, string[]>();
  seed = 7;
  for (let q = 0; q < QUERIES; q += 1) {
    const [hits, ms] = await time(() => store.searchDense(vector(), 10));
    dense.push(ms);
    topIds.set(q, hits.map((hit) => hit.id));
    filtered.push((await time(() => store.searchDense(vector(), 10, { namespace: 'other' })))[1]);
    text.push((await time(() => store.searchText(`${word()} ${word()} ${word()}`, 10)))[1]);
  }
  console.log(`${label}: searchDense ${percentiles(dense)} | dense+namespace filter ${percentiles(filtered)} | searchText ${percentiles(text)}`);
  return topIds;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'propo-lancedb-bench-'));
  try {
    const store = createLanceDbStore({ dir, vectorIndexThreshold: Infinity, ftsMaxUnindexedRows: Infinity });
    await store.open(identity);
    let rows = 0;
    let flatTop = new Map<number, string[]>();
    for (const target of [10_000, maxRows].filter((n, i, all) => n <= maxRows && all.indexOf(n) === i)) {
      let upsertMs = 0;
      for (; rows < target; rows += BATCH) {
        const records = makeRecords(rows, BATCH);
        upsertMs += (await time(() => store.upsert(records)))[1];
      }
      console.log(`upsert to ${target}: ${((target - (target === 10_000 ? 0 : 10_000)) / (upsertMs / 1000)).toFixed(0)} records/s (batches of ${BATCH}, incl. periodic optimize)`);
      const [, optimizeMs] = await time(() => store.optimize());
      console.log(`optimize at ${target}: ${optimizeMs.toFixed(0)} ms`);
      flatTop = await latency(store, `${target} rows, flat, FTS fully indexed`);
    }
    const updates = makeRecords(0, BATCH);
    console.log(`re-upsert ${BATCH} existing ids at ${rows}: ${(await time(() => store.upsert(updates)))[1].toFixed(0)} ms`);
    await store.upsert(makeRecords(rows, 3000));
    flatTop = await latency(store, `${rows + 3000} rows, flat, 3000 rows outside the FTS index`);
    await store.close();

    const indexed = createLanceDbStore({ dir, vectorIndexThreshold: 1 });
    await indexed.open(identity);
    const [, buildMs] = await time(() => indexed.upsert(makeRecords(0, 1)));
    console.log(`HNSW-SQ vector index build at ${rows + 3000} rows: ${(buildMs / 1000).toFixed(1)} s`);
    const annTop = await latency(indexed, `${rows + 3000} rows, HNSW-SQ index`);
    let overlap = 0;
    for (const [q, ids] of annTop) overlap += ids.filter((id) => flatTop.get(q)?.includes(id)).length;
    console.log(`recall@10 of the HNSW-SQ index vs exact flat search: ${(overlap / (QUERIES * 10)).toFixed(3)}`);
    await indexed.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
