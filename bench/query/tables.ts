/**
 * Merges every bench/query/results*.json (the main run plus runs split by system/size) into the
 * per-size Markdown tables. Usage: node --import ./bin/register.mjs bench/query/tables.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatTables } from './format.ts';
import type { SystemReport } from './report.ts';

const dir = resolve(new URL('.', import.meta.url).pathname);
const ORDER = ['brute force', 'Propo SQLite', 'Propo LanceDB', 'LangChain.js MemoryVectorStore'];
const files = readdirSync(dir).filter((name) => /^results.*\.json$/.test(name)).sort();
const runs = files.map((name) => JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as { machine: Record<string, string | number>; reports: SystemReport[] });
// Runs in date order; a finished report is never replaced by a later one that did not finish.
runs.sort((a, b) => String(a.machine.date).localeCompare(String(b.machine.date)));
const latest = new Map<string, SystemReport>();
for (const run of runs) {
  for (const report of run.reports) {
    const key = `${report.size}/${report.system}`;
    if (report.status === 'ok' || latest.get(key)?.status !== 'ok') latest.set(key, report);
  }
}
const reports = [...latest.values()].sort((a, b) => a.size - b.size || ORDER.indexOf(a.system) - ORDER.indexOf(b.system));
const machine = runs.at(-1)?.machine ?? {};
process.stdout.write(`${formatTables(reports, { ...machine, runs: files.join(' ') })}\n`);
