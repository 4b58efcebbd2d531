/** Builds the 100k-row FTS5 table (Propo's tokenizer) and the 210 bench/query texts for fts-profile.ts. */
import Database from 'better-sqlite3';
import { SyntheticRows } from './data.ts';
const db = new Database(process.env.FTS_DB ?? '/tmp/propo-fts100k.sqlite');
db.exec(`CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT); CREATE VIRTUAL TABLE t_fts USING fts5(text, content='t', content_rowid='n', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO t_fts (rowid, text) VALUES (new.n, new.text); END;`);
const rows = new SyntheticRows(100000);
const ins = db.prepare('INSERT INTO t (n, text) VALUES (?, ?)');
db.transaction(() => { while (!rows.done) rows.take(5000, (i, _v, text) => { ins.run(i + 1, text); }); })();
(await import("node:fs")).writeFileSync(process.env.FTS_QUERIES ?? '/tmp/propo-fts100k-queries.json', JSON.stringify(rows.queries.map((q) => q.text)));
