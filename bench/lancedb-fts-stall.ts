/**
 * Reproduces the LanceDB 0.31 full-text-index stall (docs/decisions/0009-lance-cpu-threads.md): loads
 * synthetic propositions (bench/query/data.ts) into a table with the app's FTS and id indices in 50k-row chunks,
 * `optimize()` after each, once per LANCE_CPU_THREADS value, each in its own child process. A child that
 * uses no CPU for BENCH_STALL_S seconds is killed and reported as stalled.
 *   nice node --import ./bin/register.mjs bench/lancedb-fts-stall.ts [rows=400000] [threads=unset,2,4]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const STALL_S = Number(process.env.BENCH_STALL_S ?? 60);

if (process.argv[2] === '--child') {
  const { connect, Index } = await import('@lancedb/lancedb');
  const { recordSchema, recordsToArrow } = await import('../src/providers/stores/lancedb/lancedb-arrow.ts');
  // The app's tokenizer settings, copied so the child does not import the store (which raises the thread count).
  const DEFAULT_FTS_OPTIONS = { withPosition: false, baseTokenizer: 'simple', lowercase: true, asciiFolding: true, stem: true, removeStopWords: true, language: 'English' } as const;
  const { DIMS, SyntheticRows } = await import('./query/data.ts');
  const size = Number(process.argv[3]);
  const dir = await mkdtemp(join(tmpdir(), 'propo-fts-stall-'));
  try {
    const schema = recordSchema({ embedder: 'bench', dimensions: DIMS });
    const db = await connect(dir);
    const table = await db.createEmptyTable('t', schema);
    await table.createIndex('text', { config: Index.fts(DEFAULT_FTS_OPTIONS), name: 'text_idx' });
    await table.createIndex('id', { config: Index.btree(), name: 'id_idx' });
    const rows = new SyntheticRows(size);
    let loaded = 0;
    while (!rows.done) {
      const records: Parameters<typeof recordsToArrow>[0][number][] = [];
      rows.take(50_000, (i, vector, text) => records.push({ id: `r${i}`, documentId: `d${Math.floor(i / 50)}`, namespace: 'default', text, vector: Float32Array.from(vector), unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId: `p${i}`, file: 'f.txt', expert: null }));
      for (let o = 0; o < records.length; o += 1000) await table.add(recordsToArrow(records.slice(o, o + 1000), schema));
      await table.optimize();
      loaded += records.length;
      process.stdout.write(`${loaded}\n`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

const size = Number(process.argv[2] ?? 400_000);
const threads = (process.argv[3] ?? 'unset,2,4').split(',');
const cpuOf = (pid: number) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []; return Number(f[11]) + Number(f[12]); } catch { return 0; } };
const lines: string[] = ['| LANCE_CPU_THREADS | rows loaded (FTS index + optimize per 50k) | outcome | seconds |', '|---:|---:|---|---:|'];
for (const t of threads) {
  const started = Date.now();
  const outcome = await new Promise<{ rows: number; stalled: boolean }>((done) => {
    // 'unset': no LANCE_CPU_THREADS, and the child skips Propo's workaround (it imports no store module).
    const env: NodeJS.ProcessEnv = { ...process.env, LANCE_CPU_THREADS: t };
    if (t === 'unset') delete env.LANCE_CPU_THREADS;
    const child = spawn(process.execPath, ['--import', './bin/register.mjs', 'bench/lancedb-fts-stall.ts', '--child', String(size)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let rows = 0;
    let stalled = false;
    let cpu = -1;
    let changed = Date.now();
    child.stdout.on('data', (chunk: Buffer) => { for (const line of chunk.toString().trim().split('\n')) rows = Number(line) || rows; });
    const watch = setInterval(() => {
      const now = cpuOf(child.pid ?? 0);
      if (now !== cpu) { cpu = now; changed = Date.now(); } else if (Date.now() - changed > STALL_S * 1000) { stalled = true; child.kill('SIGKILL'); }
    }, 1000);
    child.on('exit', () => { clearInterval(watch); done({ rows, stalled }); });
  });
  const seconds = (Date.now() - started) / 1000;
  lines.push(`| ${t} | ${outcome.rows.toLocaleString('en')} of ${size.toLocaleString('en')} | ${outcome.stalled ? `stalled (no CPU for ${STALL_S} s)` : outcome.rows === size ? 'completed' : 'exited early'} | ${seconds.toFixed(0)} |`);
  process.stderr.write(`${lines.at(-1)}\n`);
}
process.stdout.write(`${lines.join('\n')}\n`);
