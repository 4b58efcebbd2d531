/**
 * What the two FTS5 indexes cost when the unit rows are written (decision 0141): the rows of a finished ingest's
 * `vec_propositions` and `vec_propositions_paragraphs`, in row order, written again into a fresh database in B write
 * transactions (default 3, like the CLI's batches) with the unit table's schema and variants of its FTS5 index:
 *   B=3 nice -n 10 node --import ./bin/register.mjs bench/ingest/fts-write-cost.ts <data-dir> [rows,fts,ftsNoColsize,ftsUnicodeOnly,...]
 * rows = no FTS5; fts = today's (trigger, Porter over unicode61); ftsNoColsize = columnsize=0; ftsUnicodeOnly = no Porter;
 * ftsHash8 / ftsHash32 = FTS5 'hashsize' 8 / 32 MB (decision 0148: no gain). NODEL=1 leaves out the DELETE by id before each row;
 * CHUNK=n writes n rows per DELETE and per INSERT statement (as UnitTable.write does since decision 0148, n = 256).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const src = new Database(`${process.argv[2]}/propo.sqlite`, { readonly: true });
const tables = ['vec_propositions', 'vec_propositions_paragraphs'];
const data = Object.fromEntries(tables.map((t) => [t, src.prepare(`SELECT id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector FROM "${t}" ORDER BY n`).raw().all()]));
const variants: Record<string, string> = {
  rows: '',
  fts: "CREATE VIRTUAL TABLE IF NOT EXISTS \"{T}_fts\" USING fts5(text, content='{T}', content_rowid='n', tokenize='porter unicode61 remove_diacritics 2'); CREATE TRIGGER IF NOT EXISTS \"{T}_ai\" AFTER INSERT ON \"{T}\" BEGIN INSERT INTO \"{T}_fts\" (rowid, text) VALUES (new.n, new.text); END;",
  ftsNoColsize: "CREATE VIRTUAL TABLE IF NOT EXISTS \"{T}_fts\" USING fts5(text, content='{T}', content_rowid='n', columnsize=0, tokenize='porter unicode61 remove_diacritics 2'); CREATE TRIGGER IF NOT EXISTS \"{T}_ai\" AFTER INSERT ON \"{T}\" BEGIN INSERT INTO \"{T}_fts\" (rowid, text) VALUES (new.n, new.text); END;",
  ftsUnicodeOnly: "CREATE VIRTUAL TABLE IF NOT EXISTS \"{T}_fts\" USING fts5(text, content='{T}', content_rowid='n', tokenize='unicode61 remove_diacritics 2'); CREATE TRIGGER IF NOT EXISTS \"{T}_ai\" AFTER INSERT ON \"{T}\" BEGIN INSERT INTO \"{T}_fts\" (rowid, text) VALUES (new.n, new.text); END;",
  ftsHash8: "CREATE VIRTUAL TABLE IF NOT EXISTS \"{T}_fts\" USING fts5(text, content='{T}', content_rowid='n', tokenize='porter unicode61 remove_diacritics 2'); INSERT INTO \"{T}_fts\" (\"{T}_fts\", rank) VALUES ('hashsize', 8388608); CREATE TRIGGER IF NOT EXISTS \"{T}_ai\" AFTER INSERT ON \"{T}\" BEGIN INSERT INTO \"{T}_fts\" (rowid, text) VALUES (new.n, new.text); END;",
  ftsHash32: "CREATE VIRTUAL TABLE IF NOT EXISTS \"{T}_fts\" USING fts5(text, content='{T}', content_rowid='n', tokenize='porter unicode61 remove_diacritics 2'); INSERT INTO \"{T}_fts\" (\"{T}_fts\", rank) VALUES ('hashsize', 33554432); CREATE TRIGGER IF NOT EXISTS \"{T}_ai\" AFTER INSERT ON \"{T}\" BEGIN INSERT INTO \"{T}_fts\" (rowid, text) VALUES (new.n, new.text); END;",
};
const order = (process.argv[3] ?? 'rows,fts,ftsNoColsize,rows,fts,ftsNoColsize').split(',');
for (const name of order) {
  const dir = mkdtempSync(join(tmpdir(), 'wc-'));
  const db = new Database(join(dir, 'x.sqlite'));
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  for (const t of tables) {
    db.exec(`CREATE TABLE "${t}" (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL, namespace TEXT NOT NULL, unit TEXT NOT NULL, page INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, paragraph_id TEXT NOT NULL, file TEXT NOT NULL, expert TEXT, text TEXT NOT NULL, vector BLOB NOT NULL); CREATE INDEX "${t}_document" ON "${t}" (document_id);`);
    db.exec(variants[name]!.replaceAll("{T}", t));
  }
  const start = process.cpuUsage();
  const B = Number(process.env.B ?? 3); for (let b = 0; b < B; b++) db.transaction(() => {
    for (const t of tables) {
      const del = db.prepare(`DELETE FROM "${t}" WHERE id = ?`);
      const ins = db.prepare(`INSERT INTO "${t}" (id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
      const rows = data[t] as unknown[][];
      const per = Math.ceil(rows.length / B);
      const chunk = Number(process.env.CHUNK ?? 1);
      const part = rows.slice(b * per, (b + 1) * per);
      if (chunk <= 1) for (const r of part) { if (process.env.NODEL !== "1") del.run(r[0]); ins.run(...r); }
      else {
        const delMany = db.prepare(`DELETE FROM "${t}" WHERE id IN (SELECT value FROM json_each(?))`);
        const insMany = new Map<number, Database.Statement<unknown[]>>();
        for (let at = 0; at < part.length; at += chunk) {
          const group = part.slice(at, at + chunk);
          if (process.env.NODEL !== "1") delMany.run(JSON.stringify(group.map((r) => r[0])));
          let stmt = insMany.get(group.length);
          if (stmt === undefined) { stmt = db.prepare(`INSERT INTO "${t}" (id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector) VALUES ${Array(group.length).fill('(?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`); insMany.set(group.length, stmt); }
          stmt.run(...(group.flat() as unknown[]));
        }
      }
    }
  }).immediate();
  const u = process.cpuUsage(start);
  console.log(name.padEnd(16), ((u.user + u.system) / 1e6).toFixed(2), 's CPU');
  db.close(); rmSync(dir, { recursive: true, force: true });
}
