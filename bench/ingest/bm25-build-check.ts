/**
 * The BM25 index built from a data dir's FTS5 indexes both ways — one row per token (the earlier read) and
 * `indexedTerms` (one row per term, decision 0139) — with a hash of each serialised index and the CPU of each:
 *   node --import ./bin/register.mjs bench/ingest/bm25-build-check.ts <data-dir>
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { LexicalIndex } from '../../src/providers/stores/sqlite-index/lexical-index.ts';
import { indexedTerms } from '../../src/providers/stores/sqlite-index/fts-tokens.ts';
import type { Db } from '../../src/providers/stores/sqlite/index.ts';

const raw = new Database(`${process.argv[2]}/propo.sqlite`, { readonly: true });
const db = raw as unknown as Db;
const seconds = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(2);
for (const table of ['vec_propositions', 'vec_propositions_paragraphs']) {
  const rows = raw.prepare(`SELECT n FROM "${table}" ORDER BY n`).pluck().all() as number[];
  const build = (fill: (each: (n: number, term: string) => void) => void): string => {
    const lexical = new LexicalIndex();
    fill((n, term) => lexical.loadToken(term, n));
    lexical.finishLoad(rows);
    const hash = createHash('sha256');
    for (const chunk of lexical.serialize() ?? []) hash.update(chunk);
    return hash.digest('hex').slice(0, 16);
  };
  const start = process.cpuUsage();
  const perToken = build((each) => {
    raw.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."check_${table}" USING fts5vocab(main, "${table}_fts", instance)`);
    for (const [n, term] of raw.prepare(`SELECT doc, term FROM temp."check_${table}"`).raw().iterate() as IterableIterator<[number, string]>) each(n, term);
  });
  const tokenCpu = process.cpuUsage(start);
  const second = process.cpuUsage();
  const perTerm = build((each) => indexedTerms(db, `${table}_fts`, each));
  const termCpu = process.cpuUsage(second);
  console.log(table, perToken, perTerm, perToken === perTerm ? 'same' : 'DIFFERENT', `per token ${seconds(tokenCpu)} s, per term ${seconds(termCpu)} s CPU`);
}
