/**
 * bench/query/fts-profile.ts: where SQLite BM25 (FTS5) time goes at 100k synthetic propositions
 * (issue 13, decision 0055). Build the table first: bench/query/fts-profile-data.ts. Prints CPU ms/query.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { ftsQuery } from '../../src/providers/stores/sqlite-index/fts-query.ts';
const db = new Database(process.env.FTS_DB ?? '/tmp/propo-fts100k.sqlite', { readonly: true });
const qs = (JSON.parse(readFileSync(process.env.FTS_QUERIES ?? '/tmp/propo-fts100k-queries.json', 'utf8')) as string[]).map((q) => ftsQuery(q) as string);
function time(name: string, f: (q: string) => unknown) {
  const c0 = process.cpuUsage(); const lat: number[] = [];
  for (const q of qs) { const t = performance.now(); f(q); lat.push(performance.now() - t); }
  const c = process.cpuUsage(c0); lat.sort((a, b) => a - b);
  console.log(name, 'cpu/q', ((c.user + c.system) / 1000 / qs.length).toFixed(2), 'p50', lat[qs.length >> 1]!.toFixed(2), 'p95', lat[Math.floor(qs.length * 0.95)]!.toFixed(2));
}
const all = db.prepare(`SELECT rowid AS n, -bm25(t_fts) AS score FROM t_fts WHERE t_fts MATCH ? ORDER BY rank`);
time('iterate-10', (q) => { let i = 0; for (const _row of all.iterate(q)) { if (++i === 10) break; } });
const lim = db.prepare(`SELECT rowid AS n, -bm25(t_fts) AS score FROM t_fts WHERE t_fts MATCH ? ORDER BY rank LIMIT 10`);
time('limit-10', (q) => lim.all(q));
const cnt = db.prepare(`SELECT count(*) FROM t_fts WHERE t_fts MATCH ?`).pluck();
time('count', (q) => cnt.get(q));
const nosort = db.prepare(`SELECT rowid FROM t_fts WHERE t_fts MATCH ?`).pluck();
time('match-no-score', (q) => nosort.all(q));
console.log(qs.slice(0,3), qs.slice(0,3).map((q) => cnt.get(q)));
