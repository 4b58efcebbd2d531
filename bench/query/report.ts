/** Shared report types and helpers of the bench/query child processes (one JSON line per message on stdout). */
import { existsSync, readFileSync } from 'node:fs';
import type { VectorRecord } from '../../src/core/domain/index.ts';
import type { VectorStore } from '../../src/core/ports/index.ts';
import { K, WARMUP, type Query, type SyntheticRows } from './data.ts';

/** Wall-clock latencies in ms; `cpuMs` = process CPU time (user+sys, all threads) per measured query. */
export interface LatencyStats { p50: number; p95: number; mean: number; n: number; cpuMs?: number }

export interface SystemReport {
  system: string;
  size: number;
  status: 'ok' | 'dnf';
  /** Why and where it stopped, with what was measured when it stopped (status `dnf`). */
  reason?: string;
  index: string;
  /** Time to load/index the rows, excluding generating the synthetic data. */
  buildSeconds: number;
  generateSeconds: number;
  baselineRssMb: number;
  peakRssMb: number;
  /** RSS after the queries, after a forced GC (what the loaded index costs while serving). */
  servingRssMb: number;
  ops: Record<string, LatencyStats>;
  recallAt10?: number;
  notes?: string;
}

export interface Progress { type: 'progress'; phase: string; rows: number; elapsedSeconds: number; rssMb: number }

export const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
export const rssMb = (): number => mb(process.memoryUsage().rss);
/** Peak RSS of this process so far (maxRSS is in KiB on Linux). */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

export function emit(message: Progress | { type: 'result'; report: SystemReport }): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export function progress(phase: string, rows: number, startedMs: number): void {
  emit({ type: 'progress', phase, rows, elapsedSeconds: (performance.now() - startedMs) / 1000, rssMb: rssMb() });
}

export function stats(samples: number[], cpuMs?: number): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { p50: round(at(0.5)), p95: round(at(0.95)), mean: round(mean), n: sorted.length, ...(cpuMs === undefined ? {} : { cpuMs: round(cpuMs) }) };
}

export interface TimedRun<T> { latencies: number[]; results: T[]; stoppedEarly: boolean; cpuMs: number }

/** Runs the warm-up queries, then times each measured query; stops when `budgetMs` is spent. */
export async function timeQueries<T>(queries: Query[], run: (query: Query) => Promise<T>, budgetMs = Infinity): Promise<TimedRun<T>> {
  for (const query of queries.slice(0, WARMUP)) await run(query);
  const latencies: number[] = [];
  const results: T[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = (): number => { const used = process.cpuUsage(cpu); return (used.user + used.system) / 1000 / (latencies.length || 1); };
  for (const query of queries.slice(WARMUP)) {
    const t = performance.now();
    results.push(await run(query));
    latencies.push(performance.now() - t);
    if (performance.now() - started > budgetMs) return { latencies, results, stoppedEarly: true, cpuMs: cpuMs() };
  }
  return { latencies, results, stoppedEarly: false, cpuMs: cpuMs() };
}

/** Mean recall@10 of `found` (ids per measured query) against the exact top-10 in the ground-truth file. */
export function recallAt10(found: string[][], groundTruthFile: string | undefined): number | undefined {
  if (groundTruthFile === undefined || !existsSync(groundTruthFile)) return undefined;
  const truth = JSON.parse(readFileSync(groundTruthFile, 'utf8')) as string[][];
  let hits = 0;
  found.forEach((ids, q) => {
    const exact = new Set(truth[q] ?? []);
    hits += ids.slice(0, K).filter((id) => exact.has(id)).length;
  });
  return found.length === 0 ? undefined : Math.round((hits / (found.length * K)) * 1000) / 1000;
}

export function forceGc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const rowId = (index: number): string => `p${index}`;

/** Size (rows) from argv[2]; ground-truth path from BENCH_GT_FILE. */
export function childArgs(): { size: number; groundTruthFile: string | undefined } {
  const size = Number(process.argv[2]);
  if (!Number.isInteger(size) || size <= 0) throw new Error(`usage: <child>.ts <rows>, got ${process.argv[2]}`);
  return { size, groundTruthFile: process.env.BENCH_GT_FILE };
}

/** Loads `size` synthetic rows into a store in upserts of `chunk` (50 rows per document); returns the seconds spent in upsert. */
export async function loadSyntheticRows(store: VectorStore, rows: SyntheticRows, chunk: number, started: number): Promise<number> {
  const perDocument = 50;
  let loaded = 0;
  let upsertMs = 0;
  while (!rows.done) {
    const records: VectorRecord[] = [];
    rows.take(chunk, (i, vector, text) => records.push({
      id: rowId(i), documentId: `d${Math.floor(i / perDocument)}`, namespace: 'default', text, vector: Float32Array.from(vector),
      unit: 'proposition', page: 1 + (i % 30), start: 0, end: text.length, paragraphId: `par${Math.floor(i / 5)}`, file: `f${Math.floor(i / perDocument)}.pdf`, expert: null,
    }));
    const t = performance.now();
    await store.upsert(records);
    upsertMs += performance.now() - t;
    loaded += records.length;
    progress('upsert', loaded, started);
  }
  return upsertMs / 1000;
}
