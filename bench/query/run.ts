/**
 * bench/query: retrieval latency (p50/p95/mean, k=10, 200 queries after 10 warm-ups), recall@10 and
 * RSS of brute force vs Propo's SQLite store (default) vs its LanceDB store vs LangChain.js MemoryVectorStore on the same synthetic
 * propositions; each system runs in its own child process per size.
 * Usage: node --import ./bin/register.mjs bench/query/run.ts [sizes]   (or BENCH_SIZES=10000,100000,1000000)
 * Writes bench/query/results.json and bench/query/results.md and prints the Markdown.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTables } from './format.ts';
import type { Progress, SystemReport } from './report.ts';

const root = resolve(new URL('../..', import.meta.url).pathname);
const sizes = (process.argv[2] ?? process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const systems = (process.env.BENCH_SYSTEMS ?? 'brute,sqlite,lancedb,langchain').split(',');
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 10_240);
const RSS_LIMIT_MB = Number(process.env.BENCH_RSS_LIMIT_MB ?? 14_336);
const WALL_LIMIT_S = Number(process.env.BENCH_WALL_LIMIT_S ?? 2400);
const suffix = process.env.BENCH_OUT_SUFFIX ?? '';
/** A child that uses no CPU time for this long is stuck (seen once: LanceDB 0.31 with every thread waiting). */
const STALL_S = Number(process.env.BENCH_STALL_S ?? 300);
const NAMES: Record<string, string> = { brute: 'brute force', sqlite: 'Propo SQLite', lancedb: 'Propo LanceDB', langchain: 'LangChain.js MemoryVectorStore' };

/** User + system CPU seconds of a process, from /proc (0 when it is gone). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Runs one child; a crash, kill or budget overrun becomes a `dnf` report with what was measured when it stopped. */
function runChild(system: string, size: number, groundTruthFile: string): Promise<SystemReport> {
  return new Promise((done) => {
    const args = ['--expose-gc', `--max-old-space-size=${HEAP_MB}`, '--import', './bin/register.mjs', `bench/query/${system}-child.ts`, String(size)];
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, BENCH_GT_FILE: groundTruthFile }, stdio: ['ignore', 'pipe', 'inherit'] });
    const started = Date.now();
    let last: Progress | undefined;
    let result: SystemReport | undefined;
    let killedFor = '';
    let maxSeenRss = 0;
    let cpuSeconds = 0;
    let lastCpuChange = Date.now();
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const message = JSON.parse(line) as Progress | { type: 'result'; report: SystemReport };
        if (message.type === 'result') result = message.report;
        else { last = message; process.stderr.write(`  [${system} ${size}] ${message.phase} ${message.rows} rows, ${message.elapsedSeconds.toFixed(0)} s, RSS ${message.rssMb} MB\n`); }
      }
    });
    const watchdog = setInterval(() => {
      const rss = rssOf(child.pid ?? 0);
      maxSeenRss = Math.max(maxSeenRss, rss);
      if (rss > RSS_LIMIT_MB) killedFor = `RSS ${rss} MB exceeded the ${RSS_LIMIT_MB} MB budget`;
      else if (Date.now() - started > WALL_LIMIT_S * 1000) killedFor = `wall time exceeded ${WALL_LIMIT_S} s`;
      const cpu = cpuSecondsOf(child.pid ?? 0);
      if (cpu !== cpuSeconds) { cpuSeconds = cpu; lastCpuChange = Date.now(); }
      else if (Date.now() - lastCpuChange > STALL_S * 1000) killedFor = `stalled: no CPU time used for ${STALL_S} s (every thread waiting)`;
      if (killedFor) child.kill('SIGKILL');
    }, 1000);
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (result) { done(result); return; }
      const cause = killedFor || `exited with ${signal ?? `code ${code}`} (JS heap limit ${HEAP_MB} MB; a SIGKILL from outside the runner also ends here)`;
      const at = last ? `; last measured: ${last.phase} ${last.rows} of ${size} rows after ${last.elapsedSeconds.toFixed(0)} s, RSS ${last.rssMb} MB` : '';
      done({
        system: NAMES[system] ?? system, size, status: 'dnf', reason: `${cause}${at}`, index: '', buildSeconds: last?.elapsedSeconds ?? 0, generateSeconds: 0,
        baselineRssMb: 0, peakRssMb: maxSeenRss, servingRssMb: 0, ops: {},
      });
    });
  });
}

const reports: SystemReport[] = [];
for (const size of sizes) {
  // BENCH_GT_DIR lets a second run (e.g. one system in parallel) share the brute-force ground truth.
  const shared = process.env.BENCH_GT_DIR;
  const groundTruthFile = join(shared ?? tmpdir(), `propo-bench-query-gt-${size}${shared ? '' : `-${process.pid}`}.json`);
  for (const system of systems) {
    process.stderr.write(`${new Date().toISOString()} ${system} at ${size} rows\n`);
    const report = await runChild(system, size, groundTruthFile);
    reports.push(report);
    process.stderr.write(`${JSON.stringify(report)}\n`);
    writeFileSync(join(root, `bench/query/results${suffix}.json`), `${JSON.stringify({ machine: machine(), reports }, null, 1)}\n`);
  }
  if (!shared) rmSync(groundTruthFile, { force: true });
}

function machine(): Record<string, string | number> {
  return {
    date: new Date().toISOString(), node: process.version, nproc: cpus().length, cpu: cpus()[0]?.model ?? '?',
    loadAverage1m: loadavg()[0]?.toFixed(1) ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), freeMemoryGbAtEnd: Math.round(freemem() / 2 ** 30), childHeapLimitMb: HEAP_MB, rssBudgetMb: RSS_LIMIT_MB,
  };
}

const markdown = formatTables(reports, machine());
writeFileSync(join(root, `bench/query/results${suffix}.md`), markdown);
process.stdout.write(`${markdown}\n`);
