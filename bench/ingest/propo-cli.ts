/**
 * The real set through the production path, as a user runs it: the files are copied into one folder and
 * `bin/propo ingest --json <folder>` ingests them (parse pool of 2 workers, 3 files prepared at once, batched
 * writes into the SQLite store, documents, FTS). Run by bench/ingest/run.ts; BENCH_CLI_EMBEDDER picks the
 * embedder (default `hash`, 1024 dims, the same as LangChain.js gets; `auto` offline = BM25-only).
 * Wall time, the child's user+sys CPU and peak RSS come from /usr/bin/time.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { corpusFiles, timedProcess, type IngestBenchReport } from './corpus.ts';

// BENCH_PROPO_ROOT: another checkout's bin/propo (compiled), for a before/after in one run.
const root = resolve(process.env.BENCH_PROPO_ROOT ?? new URL('../..', import.meta.url).pathname);
const files = corpusFiles(Number(process.env.BENCH_FILES ?? Infinity));
const embedder = process.env.BENCH_CLI_EMBEDDER ?? 'hash';
const scratch = mkdtempSync(join(tmpdir(), 'bench-propo-cli-'));
try {
  const folder = join(scratch, 'docs');
  mkdirSync(folder);
  for (const file of files) copyFileSync(file, join(folder, basename(file)));
  const data = join(scratch, 'data');
  const child = timedProcess(join(root, 'bin/propo'), ['--data-dir', data, '--log-dir', join(data, 'logs'), 'ingest', '--json', folder], { cwd: root, env: { ...process.env, EMBEDDER: embedder } });
  const documents = (JSON.parse(child.stdout.toString()) as { documents: Array<{ status: string; pages: number; propositions: number }> }).documents;
  const ok = documents.filter((d) => d.status === 'ingested');
  const zero = { seconds: 0, units: 0 };
  const report: IngestBenchReport = {
    system: `propo CLI (EMBEDDER=${embedder}${process.env.PDF_ENGINE ? `, PDF_ENGINE=${process.env.PDF_ENGINE}` : ''}${process.env.BENCH_PROPO_ROOT ? `, ${process.env.BENCH_PROPO_ROOT}` : ''})`, files: files.length, failed: documents.length - ok.length, pages: ok.reduce((s, d) => s + d.pages, 0),
    units: ok.reduce((s, d) => s + d.propositions, 0), unitName: 'propositions', stages: { parse: zero, split: zero, embed: zero, index: zero },
    totalSeconds: child.wallSeconds, peakRssMb: child.peakRssMb, cpuSeconds: child.cpuSeconds,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
