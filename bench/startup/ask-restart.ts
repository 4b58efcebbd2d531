/**
 * bench/startup/ask-restart.ts (decision 0128): `bin/propo ask` (compiled, default configuration = BM25-only) on a
 * library of BENCH_NOTES SciFact notes, this tree against another compiled tree (the base commit: its BM25 index is
 * rebuilt by every process), runs interleaved on the same data folder. Reports median wall and CPU (GNU time) per tree.
 *
 *   node scripts/build.mjs && (cd <base tree> && node scripts/build.mjs)
 *   nice -n 10 node --import ./bin/register.mjs bench/startup/ask-restart.ts <base tree>   # BENCH_RUNS=7 BENCH_NOTES=500 [BENCH_SCIFACT=corpus.jsonl]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE = resolve(process.argv[2] ?? '');
const SCIFACT = process.env.BENCH_SCIFACT ?? resolve(ROOT, '../shared/datasets/scifact/corpus.jsonl');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NOTES = Number(process.env.BENCH_NOTES ?? 500);
const QUESTION = 'What causes insulin resistance in obesity?';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

function ask(tree: string, env: NodeJS.ProcessEnv): { wallMs: number; cpuMs: number } {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(tree, 'dist/current/src/app/cli/main.js'), 'ask', QUESTION, '--json'], { env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`${tree}: ask exited ${r.status}: ${r.stderr.slice(-500)}`);
  const [user, sys] = (r.stderr.trim().split('\n').at(-1) as string).split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000 };
}

const work = mkdtempSync(join(tmpdir(), 'propo-ask-restart-'));
try {
  const notes = join(work, 'notes');
  mkdirSync(notes);
  readFileSync(SCIFACT, 'utf8').split('\n').filter(Boolean).slice(0, NOTES).forEach((line, i) => {
    const doc = JSON.parse(line) as { id: string; title: string; text: string };
    writeFileSync(join(notes, `${String(i).padStart(5, '0')}-${doc.id}.md`), `# ${doc.title}\n\n${doc.text}\n`);
  });
  const env = { ...process.env, PROPO_DATA_DIR: join(work, 'data'), PROPO_LOG_DIR: join(work, 'logs'), NODE_ENV: 'production' };
  const ingest = spawnSync(join(ROOT, 'bin/propo'), ['ingest', notes, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr.slice(-1000)}`);
  const first = ask(ROOT, env); // builds and saves the BM25 files
  const saved = readdirSync(join(work, 'data', 'ann')).filter((name) => name.endsWith('.bm25'));
  console.log(`first ask of this tree (build + save): ${first.wallMs.toFixed(0)} ms wall, ${first.cpuMs.toFixed(0)} ms CPU; saved files: ${saved.join(', ')}`);
  const samples: Record<string, Array<{ wallMs: number; cpuMs: number }>> = { base: [], this: [] };
  for (let i = 0; i < RUNS; i++) {
    samples.base?.push(ask(BASE, env));
    samples.this?.push(ask(ROOT, env));
  }
  for (const [tree, list] of Object.entries(samples)) {
    console.log(`${tree}: ask median ${median(list.map((s) => s.wallMs)).toFixed(0)} ms wall, ${median(list.map((s) => s.cpuMs)).toFixed(0)} ms CPU; CPU runs ${list.map((s) => s.cpuMs.toFixed(0)).join(', ')}`);
  }
  console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
