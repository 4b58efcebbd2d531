/**
 * What tokenizing the unit texts outside the writer would cost (decision 0141, the design left for later): the rows
 * of a finished ingest, document by document, through an in-memory database's contentless FTS5 table with the units'
 * tokenizer, read back one row per term (`group_concat`, as `indexedTerms`) and emptied with 'delete-all' — what a
 * parse worker would do to hand the writer each row's terms. Checks that the terms equal the on-disk FTS5 index's.
 *   nice -n 10 node --import ./bin/register.mjs bench/ingest/worker-tokenize-cost.ts <data-dir>
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { FTS_TOKENIZE } from '../../src/providers/stores/sqlite-index/fts-query.ts';

const src = new Database(`${process.argv[2]}/propo.sqlite`, { readonly: true });
const seconds = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(2);
for (const table of ['vec_propositions', 'vec_propositions_paragraphs']) {
  const rows = src.prepare(`SELECT n, document_id, text FROM "${table}" ORDER BY n`).raw().all() as Array<[number, string, string]>;
  const byDocument = new Map<string, Array<[number, string]>>();
  for (const [n, doc, text] of rows) { let list = byDocument.get(doc); if (!list) byDocument.set(doc, list = []); list.push([n, text]); }
  const mem = new Database(':memory:');
  const start = process.cpuUsage();
  mem.exec(`CREATE VIRTUAL TABLE t USING fts5(text, content='', tokenize='${FTS_TOKENIZE}'); CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const insert = mem.prepare('INSERT INTO t (rowid, text) VALUES (?, ?)');
  const read = mem.prepare('SELECT term, group_concat(doc) FROM v GROUP BY term').raw();
  const tokens = new Map<number, Map<string, number>>();
  for (const list of byDocument.values()) {
    mem.transaction(() => { for (const [n, text] of list) insert.run(n, text); })();
    for (const [term, docs] of read.iterate() as IterableIterator<[string, string]>) {
      for (const d of docs.split(',')) { const n = Number(d); let m = tokens.get(n); if (!m) tokens.set(n, m = new Map()); m.set(term, (m.get(term) ?? 0) + 1); }
    }
    mem.exec("INSERT INTO t (t) VALUES ('delete-all')");
  }
  const cpu = process.cpuUsage(start);
  // Same (row, term, tf) as the on-disk index's instance table?
  src.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."w_${table}" USING fts5vocab(main, "${table}_fts", instance)`);
  const disk = new Map<number, Map<string, number>>();
  for (const [n, term] of src.prepare(`SELECT doc, term FROM temp."w_${table}"`).raw().iterate() as IterableIterator<[number, string]>) { let m = disk.get(n); if (!m) disk.set(n, m = new Map()); m.set(term, (m.get(term) ?? 0) + 1); }
  const digest = (all: Map<number, Map<string, number>>) => { const h = createHash('sha256'); for (const n of [...all.keys()].sort((a, b) => a - b)) h.update(`${n}:${[...(all.get(n) as Map<string, number>)].sort().join(',')}\n`); return h.digest('hex').slice(0, 16); };
  console.log(table, rows.length, 'rows', seconds(cpu), 's CPU', (Number(seconds(cpu)) * 1e6 / rows.length).toFixed(1), 'µs/row', digest(tokens) === digest(disk) ? 'same terms as FTS5' : 'DIFFERENT terms');
}
