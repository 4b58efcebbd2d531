/**
 * What an ingest wrote, as one sha256 per table (rows ordered by id, row numbers mapped to ids, timestamps and
 * the data dir's source paths left out), to check that a change leaves the output byte-identical:
 *   node --import ./bin/register.mjs bench/ingest/output-hash.ts <data-dir>
 * Tables: documents, pages, paragraphs, propositions, both unit tables (vector bytes included) and both FTS5
 * indexes (every instance: term, row id, column, offset) with FTS5's totals (rows, tokens).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ftsTotals } from '../../src/providers/stores/sqlite-index/fts-tokens.ts';

const db = new Database(`${process.argv[2]}/propo.sqlite`, { readonly: true });
const digest = (rows: Iterable<unknown[]>): { rows: number; sha256: string } => {
  const hash = createHash('sha256');
  let count = 0;
  for (const row of rows) {
    count += 1;
    hash.update(JSON.stringify(row.map((value) => Buffer.isBuffer(value) ? value.toString('base64') : value)));
    hash.update('\n');
  }
  return { rows: count, sha256: hash.digest('hex') };
};
const raw = (sql: string): Iterable<unknown[]> => db.prepare(sql).raw().iterate() as Iterable<unknown[]>;
const out: Record<string, unknown> = {
  documents: digest(raw('SELECT id, file, kind, sha256, bytes, namespace, status, pages, propositions, warnings, error_code, error_message FROM documents ORDER BY id')),
  pages: digest(raw('SELECT document_id, number, text, source_offsets FROM pages ORDER BY document_id, number')),
  paragraphs: digest(raw('SELECT * FROM paragraphs ORDER BY id')),
  propositions: digest(raw('SELECT * FROM propositions ORDER BY id')),
};
for (const t of ['vec_propositions', 'vec_propositions_paragraphs']) {
  out[t] = digest(raw(`SELECT id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector FROM "${t}" ORDER BY id`));
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."${t}_check" USING fts5vocab(main, "${t}_fts", instance)`);
  out[`${t}_fts`] = { ...digest(raw(`SELECT v.term, t.id, v.col, v.offset FROM temp."${t}_check" v JOIN "${t}" t ON t.n = v.doc ORDER BY v.term, t.id, v.offset`)), totals: ftsTotals(db, `${t}_fts`) };
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
