/**
 * bench/startup: how long the CLI and the server take to start, compiled (dist/, what bin/propo runs) side by
 * side with the TypeScript sources through tsx (what bin/propo ran before decision 0031), on a library of
 * BENCH_NOTES SciFact abstracts written as Markdown notes and ingested through `bin/propo ingest`.
 *
 *   node --import ./bin/register.mjs bench/startup/run.ts            # BENCH_RUNS=7 BENCH_NOTES=500
 *   BENCH_BASE=/tmp/su/base BENCH_SYSTEMS=compiled,base node --import ./bin/register.mjs bench/startup/run.ts
 *
 * BENCH_BASE names another checkout (e.g. `git worktree add /tmp/su/base main`, with node_modules linked) whose
 * compiled CLI runs as system `base`, so a change is measured against its baseline in the same run; BENCH_SYSTEMS
 * picks the systems (default: compiled, tsx and, with BENCH_BASE, base). Runs are interleaved (one run of each
 * system in turn), so a machine whose load changes during the run affects every system alike: on a shared machine
 * read the same-run ratios and CPU times, not the absolute wall times.
 *
 * Reports medians (and p90) of wall time and CPU time per command, the ratio of each system to `compiled`, the
 * server's time (and CPU) to its first page and /health, and its idle RSS. Writes bench/startup/results.json and
 * results.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SCIFACT = resolve(ROOT, '../shared/datasets/scifact/corpus.jsonl');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NOTES = Number(process.env.BENCH_NOTES ?? 500);

interface Sample { wallMs: number; cpuMs: number }
interface Row { command: string; system: string; medianWallMs: number; p90WallMs: number; medianCpuMs: number }

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const BASE = process.env.BENCH_BASE ? resolve(process.env.BENCH_BASE) : null;
const allSystems: Record<string, string[]> = {
  compiled: [join(ROOT, 'dist/current/src/app/cli/main.js')],
  tsx: ['--import', join(ROOT, 'bin/register.mjs'), join(ROOT, 'src/app/cli/main.ts')],
  ...(BASE ? { base: [join(BASE, 'dist/current/src/app/cli/main.js')] } : {}),
};
const chosen = (process.env.BENCH_SYSTEMS ?? Object.keys(allSystems).join(',')).split(',').map((name) => name.trim()).filter(Boolean);
for (const name of chosen) if (!allSystems[name]) throw new Error(`BENCH_SYSTEMS: unknown system ${name} (known: ${Object.keys(allSystems).join(', ')}; base needs BENCH_BASE)`);
if (!chosen.includes('compiled')) chosen.unshift('compiled');
const systems: Record<string, string[]> = Object.fromEntries(chosen.map((name) => [name, allSystems[name]!]));

/** One run of `node <system> args`, timed with the child's own CPU accounting (GNU time). */
function runOnce(system: string, args: string[], env: NodeJS.ProcessEnv): Sample {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...systems[system]!, ...args], { env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`${system} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const [user, sys] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000 };
}

function freePort(): Promise<number> {
  return new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)); }); });
}

interface ServeSample { firstPageMs: number; firstPageCpuMs: number; healthMs: number; idleRssMb: number }

/** CPU time (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function serveOnce(system: string, env: NodeJS.ProcessEnv): Promise<ServeSample> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(process.execPath, [...systems[system]!, 'serve', '--port', String(port), '--metrics-port', String(metricsPort), '--host', '127.0.0.1'], { env, stdio: 'ignore' });
  let healthMs = NaN;
  let firstPageMs = NaN;
  let firstPageCpuMs = NaN;
  try {
    while (Number.isNaN(firstPageMs) && performance.now() - started < 120_000) {
      if (Number.isNaN(healthMs)) {
        const h = await fetch(`http://127.0.0.1:${metricsPort}/health`).catch(() => null);
        if (h) healthMs = performance.now() - started;
      }
      const r = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      if (r?.ok) {
        firstPageMs = performance.now() - started;
        firstPageCpuMs = cpuMsOf(child.pid!);
      }
      else await new Promise((ok) => setTimeout(ok, 10));
    }
    await new Promise((ok) => setTimeout(ok, 3000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const idleRssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    return { firstPageMs, firstPageCpuMs, healthMs, idleRssMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
  }
}

async function main(): Promise<void> {
  spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (BASE && systems.base) spawnSync(process.execPath, [join(BASE, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  const work = mkdtempSync(join(tmpdir(), 'propo-startup-'));
  const notes = join(work, 'notes');
  mkdirSync(notes);
  const lines = readFileSync(SCIFACT, 'utf8').split('\n').filter(Boolean).slice(0, NOTES);
  lines.forEach((line, i) => {
    const doc = JSON.parse(line) as { id: string; title: string; text: string };
    writeFileSync(join(notes, `${String(i).padStart(5, '0')}-${doc.id}.md`), `# ${doc.title}\n\n${doc.text}\n`);
  });
  const env = { ...process.env, PROPO_DATA_DIR: join(work, 'data'), PROPO_LOG_DIR: join(work, 'logs'), NODE_ENV: 'production' };
  const ingest = spawnSync(join(ROOT, 'bin/propo'), ['ingest', notes, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr.slice(-1000)}`);
  const commands: Array<[string, string[]]> = [
    ['--help', ['--help']],
    ['ask --help', ['ask', '--help']],
    ['docs list', ['docs', 'list', '--json']],
    ['ask', ['ask', 'What causes insulin resistance in obesity?', '--json']],
  ];
  const rows: Row[] = [];
  const names = Object.keys(systems);
  for (const [name, args] of commands) {
    for (const system of names) runOnce(system, args, env); // warm the page cache
    const samples: Record<string, Sample[]> = Object.fromEntries(names.map((system) => [system, []]));
    for (let i = 0; i < RUNS; i++) for (const system of names) samples[system]!.push(runOnce(system, args, env));
    for (const system of names) {
      const s = samples[system]!;
      rows.push({ command: name, system, medianWallMs: quantile(s.map((x) => x.wallMs), 0.5), p90WallMs: quantile(s.map((x) => x.wallMs), 0.9), medianCpuMs: quantile(s.map((x) => x.cpuMs), 0.5) });
    }
  }
  const serveSamples: Record<string, ServeSample[]> = Object.fromEntries(names.map((system) => [system, []]));
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) for (const system of names) serveSamples[system]!.push(await serveOnce(system, env));
  const serve: Record<string, ServeSample> = Object.fromEntries(names.map((system) => {
    const s = serveSamples[system]!;
    return [system, {
      firstPageMs: quantile(s.map((x) => x.firstPageMs), 0.5),
      firstPageCpuMs: quantile(s.map((x) => x.firstPageCpuMs), 0.5),
      healthMs: quantile(s.map((x) => x.healthMs), 0.5),
      idleRssMb: quantile(s.map((x) => x.idleRssMb), 0.5),
    }];
  }));
  const bare = Array.from({ length: RUNS }, () => { const t = performance.now(); spawnSync(process.execPath, ['-e', '0']); return performance.now() - t; });
  const report = { date: new Date().toISOString(), runs: RUNS, notes: NOTES, systems: names, base: BASE, nodeBareMs: quantile(bare, 0.5), rows, serve, loadAtStart, load: readFileSync('/proc/loadavg', 'utf8').trim() };
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const ms = (v: number) => `${Math.round(v)} ms`;
  const others = names.filter((system) => system !== 'compiled');
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const md = [
    `bench/startup — ${report.date}, ${NOTES} notes, ${RUNS} interleaved runs per cell, systems ${names.join(', ')}${BASE ? ` (base = ${BASE})` : ''}; ` +
      `load average at the start: ${loadAtStart}, at the end: ${report.load}; bare \`node -e 0\`: ${ms(report.nodeBareMs)}`,
    '',
    `| command | ${names.map((system) => `${system} wall p50 | p90 | CPU p50`).join(' | ')} | ${others.map((system) => `${system} / compiled (wall, CPU)`).join(' | ')} |`,
    `|---|${names.map(() => '---|---|---|').join('')}${others.map(() => '---|').join('')}`,
    ...commands.map(([name]) => {
      const row = (system: string) => rows.find((r) => r.command === name && r.system === system)!;
      const c = row('compiled');
      return `| \`bin/propo ${name}\` | ${names.map((system) => `${ms(row(system).medianWallMs)} | ${ms(row(system).p90WallMs)} | ${ms(row(system).medianCpuMs)}`).join(' | ')} | ` +
        `${others.map((system) => `${ratio(row(system).medianWallMs, c.medianWallMs)}, ${ratio(row(system).medianCpuMs, c.medianCpuMs)}`).join(' | ')} |`;
    }),
    '',
    '| server | first page p50 | CPU to first page p50 | /health p50 | idle RSS p50 |',
    '|---|---|---|---|---|',
    ...Object.entries(serve).map(([system, s]) => `| ${system} | ${ms(s.firstPageMs)} | ${ms(s.firstPageCpuMs)} | ${ms(s.healthMs)} | ${s.idleRssMb.toFixed(0)} MB |`),
  ].join('\n');
  writeFileSync(join(import.meta.dirname, 'results.md'), `${md}\n`);
  process.stdout.write(`${md}\n`);
  rmSync(work, { recursive: true, force: true });
}

await main();
