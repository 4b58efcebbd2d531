/**
 * bench/ingest: Propo vs LangChain.js on the same documents and the same embedder, each in its
 * own process (so peak RSS is its own). Usage: node --import ./bin/register.mjs bench/ingest/run.ts
 * (BENCH_FILES=N to limit). Prints a Markdown table for docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { timedProcess, type IngestBenchReport } from './corpus.ts';

const root = resolve(new URL('../..', import.meta.url).pathname);
const lastLine = (out: Buffer): IngestBenchReport => JSON.parse(out.toString().trim().split('\n').pop() as string) as IngestBenchReport;
const run = (script: string): IngestBenchReport => lastLine(execFileSync(process.execPath, ['--import', './bin/register.mjs', script], { cwd: root, env: process.env, maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }));

/**
 * LangChain.js times itself from its first file, after its modules loaded; the Propo CLI is timed from outside, start-up
 * included. So that both can be compared as the commands a user runs, the LangChain.js script is also bundled to plain
 * JavaScript (its packages stay in node_modules, as a user's script would load them; no TypeScript loader) and run
 * under /usr/bin/time like the CLI: `process` in its report.
 */
async function runLangchain(): Promise<IngestBenchReport> {
  const { build } = await import('esbuild');
  const bundle = join(root, 'bench/ingest', `.langchain-ingest-${process.pid}.mjs`);
  try {
    await build({ entryPoints: [join(root, 'bench/ingest/langchain-ingest.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'error' });
    const child = timedProcess(process.execPath, [bundle], { cwd: root, env: process.env });
    if (child.status !== 0) throw new Error(`the LangChain.js bundle exited with ${String(child.status)}`);
    return { ...lastLine(child.stdout), process: { wallSeconds: child.wallSeconds, cpuSeconds: child.cpuSeconds, peakRssMb: child.peakRssMb } };
  } finally {
    rmSync(bundle, { force: true });
  }
}

// Stage by stage in-process (one file at a time), the production CLI, and LangChain.js; BENCH_SYSTEMS to pick.
const systems = (process.env.BENCH_SYSTEMS ?? 'stages,cli,langchain').split(',');
const scripts: Record<string, string> = { stages: 'bench/ingest/propo-ingest.ts', cli: 'bench/ingest/propo-cli.ts', langchain: 'bench/ingest/langchain-ingest.ts' };
const reports: IngestBenchReport[] = [];
for (const name of systems) reports.push(name === 'langchain' ? await runLangchain() : run(scripts[name] as string));
const rate = (n: number, s: number) => (s > 0 ? n / s : 0).toFixed(0);
const lines = [
  '| system | files ok / failed | pages | units | parse pages/s | split units/s | embed units/s | index units/s | total s | CPU s | peak RSS MB |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...reports.map((r) => `| ${r.system} | ${r.files - r.failed} / ${r.failed} | ${r.pages} | ${r.units} ${r.unitName} | ${rate(r.pages, r.stages.parse.seconds)} | ${rate(r.units, r.stages.split.seconds)} | ${rate(r.units, r.stages.embed.seconds)} | ${rate(r.units, r.stages.index.seconds)} | ${r.totalSeconds.toFixed(1)} | ${r.cpuSeconds?.toFixed(1) ?? ''} | ${r.peakRssMb.toFixed(0)} |`),
];
const lc = reports.find((r) => r.system === 'langchain.js');
if (lc) {
  for (const r of reports.filter((x) => x !== lc)) {
    const parse = r.stages.parse.seconds > 0 ? `, parse pages/s ${((r.pages / r.stages.parse.seconds) / (lc.pages / lc.stages.parse.seconds)).toFixed(2)}×` : '';
    const cpu = r.cpuSeconds !== undefined && lc.cpuSeconds !== undefined ? `, CPU ${(r.cpuSeconds / lc.cpuSeconds).toFixed(2)}×` : '';
    lines.push('', `Ratios (${r.system} / LangChain.js): total time ${(r.totalSeconds / lc.totalSeconds).toFixed(2)}×${cpu}${parse}, peak RSS ${(r.peakRssMb / lc.peakRssMb).toFixed(2)}×.`);
    // The CLI's times are whole-process times; so are LangChain.js's `process` ones (stages runs have neither).
    if (lc.process && r.system.startsWith('propo CLI')) {
      lines.push(`Whole processes (${r.system} / LangChain.js, both from outside, start-up included; LangChain.js ${lc.process.wallSeconds.toFixed(1)} s wall, ${lc.process.cpuSeconds.toFixed(1)} s CPU): total time ${(r.totalSeconds / lc.process.wallSeconds).toFixed(2)}×, CPU ${((r.cpuSeconds ?? 0) / lc.process.cpuSeconds).toFixed(2)}×.`);
    }
  }
}
process.stdout.write(`${lines.join('\n')}\n\n${JSON.stringify(reports)}\n`);
