/**
 * bench/ingest: Propo vs LangChain.js on the same documents and the same embedder, each in its
 * own process (so peak RSS is its own). Usage: node --import ./bin/register.mjs bench/ingest/run.ts
 * (BENCH_FILES=N to limit). Prints a Markdown table for docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { IngestBenchReport } from './corpus.ts';

const root = resolve(new URL('../..', import.meta.url).pathname);
const run = (script: string): IngestBenchReport => JSON.parse(execFileSync(process.execPath, ['--import', './bin/register.mjs', script], { cwd: root, env: process.env, maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop() as string) as IngestBenchReport;

// Stage by stage in-process (one file at a time), the production CLI, and LangChain.js; BENCH_SYSTEMS to pick.
const systems = (process.env.BENCH_SYSTEMS ?? 'stages,cli,langchain').split(',');
const scripts: Record<string, string> = { stages: 'bench/ingest/propo-ingest.ts', cli: 'bench/ingest/propo-cli.ts', langchain: 'bench/ingest/langchain-ingest.ts' };
const reports = systems.map((name) => run(scripts[name] as string));
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
  }
}
process.stdout.write(`${lines.join('\n')}\n\n${JSON.stringify(reports)}\n`);
