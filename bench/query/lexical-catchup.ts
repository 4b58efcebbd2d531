/**
 * bench/query/lexical-catchup.ts (decision 0128): CPU per row of the two ways the in-memory BM25 index takes rows in —
 * the bulk build from FTS5's 'instance' table, and the catch-up that tokenizes new rows through a TEMP FTS5 table —
 * on bench/query's synthetic texts: build at N rows, copy the N rows under new ids, catch up, then build at 2N.
 * Usage: nice -n 10 node --import ./bin/register.mjs bench/query/lexical-catchup.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/providers/stores/sqlite/index.ts';
import { UnitTable } from '../../src/providers/stores/sqlite-index/unit-table.ts';
import { fillLexicalTable } from './lexical-table.ts';

const size = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'propo-lexical-catchup-'));
const cpuMs = (work: () => void) => { const since = process.cpuUsage(); work(); const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
try {
  const db = openDatabase(join(dir, 'propo.sqlite'));
  const open = () => { const table = new UnitTable(db, 'vec_t', { dimensions: 1, annThreshold: Number.POSITIVE_INFINITY }); table.open(); return table; };
  const table = open();
  fillLexicalTable(db, table, size);
  const build = cpuMs(() => table.searchText('warm', 10, undefined));
  db.prepare(`INSERT INTO vec_t (id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector)
    SELECT 'copy-' || id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector FROM vec_t`).run();
  const catchUp = cpuMs(() => table.catchUp());
  const build2 = cpuMs(() => open().searchText('warm', 10, undefined));
  const us = (ms: number, rows: number) => (ms * 1000 / rows).toFixed(1);
  console.log(`build ${size} rows: ${build.toFixed(0)} ms CPU (${us(build, size)} µs/row); catch-up of ${size} new rows: ${catchUp.toFixed(0)} ms (${us(catchUp, size)} µs/row); build ${2 * size} rows: ${build2.toFixed(0)} ms (${us(build2, 2 * size)} µs/row)`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
