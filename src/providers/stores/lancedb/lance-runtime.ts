/**
 * LanceDB sizes its CPU thread pool from the core count. With 2 cores, its full-text index update
 * stalled past ~200k rows (every thread parked, no CPU used) in every bulk load with the store's FTS and id
 * indices, and never with 4 threads (bench/lancedb-fts-stall.ts, docs/decisions/0009-lance-cpu-threads.md).
 * Importing this module raises the pool to at least MIN_LANCE_CPU_THREADS unless the user set
 * LANCE_CPU_THREADS. The pool is created on LanceDB's first call, so every module that calls LanceDB
 * imports this one first.
 */
import { availableParallelism } from 'node:os';

export const MIN_LANCE_CPU_THREADS = 4;

/** The value LANCE_CPU_THREADS should get, or undefined to leave it alone. */
export function lanceCpuThreads(env: Readonly<Record<string, string | undefined>>, cores: number): string | undefined {
  if (env.LANCE_CPU_THREADS !== undefined && env.LANCE_CPU_THREADS !== '') return undefined;
  return cores < MIN_LANCE_CPU_THREADS ? String(MIN_LANCE_CPU_THREADS) : undefined;
}

const threads = lanceCpuThreads(process.env, availableParallelism());
if (threads !== undefined) process.env.LANCE_CPU_THREADS = threads;
