/**
 * bench/query/lexical-restart.ts (decision 0128): the first BM25 search of a new process on one unit table of the
 * bench/query synthetic texts at N rows (default 100k), with the in-memory index built from FTS5 ("build", as before
 * the index was saved) or loaded from its saved file ("load"). Each run is a fresh child process; runs alternate
 * build/load. Prints per mode the median and all runs of the first searchText (wall and CPU ms), plus the save
 * (serialize + durable write) and the file size.
 * Usage: nice -n 10 node --import ./bin/register.mjs bench/query/lexical-restart.ts [rows] [runs per mode]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/providers/stores/sqlite/index.ts';
import { UnitTable } from '../../src/providers/stores/sqlite-index/unit-table.ts';
import { K } from './data.ts';
import { fillLexicalTable } from './lexical-table.ts';

const cpuMs = (since: NodeJS.CpuUsage) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };

function child(mode: 'build' | 'load' | 'save', file: string, query: string): void {
  const db = openDatabase(file);
  const base = join(file, '..', 'ann', 'vec_t-bm25');
  const table = new UnitTable(db, 'vec_t', { dimensions: 1, annThreshold: Number.POSITIVE_INFINITY }, mode === 'build' ? {} : { base, warn: (_f, message) => console.error(message) });
  table.open();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const hits = table.searchText(query, K, undefined).length;
  const result: Record<string, unknown> = { mode, firstWallMs: performance.now() - wall, firstCpuMs: cpuMs(cpu), hits, origin: table.lexicalOrigin };
  if (mode === 'save') {
    const saveWall = performance.now();
    const saveCpu = process.cpuUsage();
    void table.close().then(() => {
      result.saveWallMs = performance.now() - saveWall;
      result.saveCpuMs = cpuMs(saveCpu);
      const manifest = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { file: string };
      result.fileMb = statSync(join(file, '..', 'ann', manifest.file)).size / 2 ** 20;
      result.memoryMb = table.lexicalBytes / 2 ** 20;
      console.log(JSON.stringify(result));
      db.close();
    });
    return;
  }
  console.log(JSON.stringify(result));
  db.close();
}

function main(): void {
  const size = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'propo-lexical-restart-'));
  const file = join(dir, 'propo.sqlite');
  try {
    const db = openDatabase(file);
    const table = new UnitTable(db, 'vec_t', { dimensions: 1, annThreshold: Number.POSITIVE_INFINITY });
    table.open();
    const rows = fillLexicalTable(db, table, size);
    const query = rows.queries[0]?.text ?? 'query';
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const run = (mode: string) => {
      const out = spawnSync(process.execPath, ['--import', './bin/register.mjs', 'bench/query/lexical-restart.ts', '--child', mode, file, query], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      if (out.stderr.trim() !== '') console.error(out.stderr.trim());
      return JSON.parse(out.stdout.trim().split('\n').pop() as string) as { firstWallMs: number; firstCpuMs: number; origin: string };
    };
    const saved = run('save');
    console.log(`rows ${size}: build + save ${JSON.stringify(saved)}`);
    const results: Record<string, Array<{ firstWallMs: number; firstCpuMs: number }>> = { build: [], load: [] };
    for (let i = 0; i < runs; i++) for (const mode of ['build', 'load']) {
      const r = run(mode);
      if (r.origin !== (mode === 'build' ? 'built' : 'loaded')) throw new Error(`${mode}: index was ${r.origin}`);
      results[mode]?.push(r);
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] as number;
    for (const [mode, list] of Object.entries(results)) {
      console.log(`${mode}: first searchText median ${median(list.map((r) => r.firstWallMs)).toFixed(0)} ms wall, ${median(list.map((r) => r.firstCpuMs)).toFixed(0)} ms CPU; runs wall ${list.map((r) => r.firstWallMs.toFixed(0)).join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3] as 'build' | 'load' | 'save', process.argv[4] as string, process.argv[5] as string);
else main();
