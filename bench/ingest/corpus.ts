/** The benchmark corpus: every file in ../shared/datasets/documents (PDF, Markdown, TXT). */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DOCUMENTS = resolve(new URL('../../..', import.meta.url).pathname, 'shared/datasets/documents');

/**
 * BENCH_SET=all: every file (incl. the fuzzed/encrypted pdf.js fixtures; LangChain's pdf-parse spun for
 * more than 25 minutes on one of them); BENCH_SET=real (default): the arXiv papers, Markdown and TXT files.
 */
export function corpusFiles(limit = Infinity, set = process.env.BENCH_SET ?? 'real'): string[] {
  const keep = (dir: string, file: string) => set === 'all' || dir !== 'pdf' || file.startsWith('arxiv-');
  return ['pdf', 'md', 'txt'].flatMap((dir) => readdirSync(join(DOCUMENTS, dir)).sort().filter((f) => keep(dir, f)).map((f) => join(DOCUMENTS, dir, f))).slice(0, limit);
}

export interface StageReport { seconds: number; units: number }

export interface IngestBenchReport {
  system: string;
  files: number;
  failed: number;
  /** Files whose parser did not finish within the time bound (counted in failed). */
  timedOut?: number;
  pages: number;
  units: number;
  unitName: string;
  stages: Record<'parse' | 'split' | 'embed' | 'index', StageReport>;
  totalSeconds: number;
  peakRssMb: number;
  /** User + system CPU seconds of the whole process, all threads. */
  cpuSeconds?: number;
  /**
   * The whole process from outside (`/usr/bin/time`: start-up and module loading included), for a system whose
   * `totalSeconds` / `cpuSeconds` are timed inside it from its first file (LangChain.js); the CLI's are already.
   */
  process?: { wallSeconds: number; cpuSeconds: number; peakRssMb: number };
}

/** A command run under `/usr/bin/time`, from outside: its stdout, wall and user + sys CPU seconds, peak RSS. */
export function timedProcess(command: string, args: readonly string[], options: SpawnSyncOptions): { status: number | null; stdout: Buffer; wallSeconds: number; cpuSeconds: number; peakRssMb: number } {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-time-'));
  try {
    const timing = join(scratch, 'time.txt');
    const child = spawnSync('/usr/bin/time', ['-o', timing, '-f', '%e %U %S %M', command, ...args], { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'], ...options });
    const [wall, user, sys, maxKb] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number, number];
    return { status: child.status, stdout: child.stdout as Buffer, wallSeconds: wall, cpuSeconds: user + sys, peakRssMb: maxKb / 1024 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
