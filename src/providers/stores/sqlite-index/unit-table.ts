/**
 * One retrieval unit's tables in SQLite: the rows (metadata, text and the float32 vector as a
 * BLOB, the source of truth), an external-content FTS5 index kept in step by triggers (so a row
 * and its BM25 entry commit together), and a deletion log that lets other processes' dense
 * indexes catch up. Row numbers `n` come from AUTOINCREMENT and are never reused.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../sqlite/index.ts';
import type { ScoredHit, VectorRecord } from '../../../core/domain/index.ts';
import type { VectorFilter } from '../../../core/ports/index.ts';
import { DenseIndex, type DenseIndexOptions, type DenseRow } from './dense-index.ts';
import { FTS_TOKENIZE, ftsQuery, ftsQueryWords } from './fts-query.ts';
import { ftsTotals, indexedTerms, tokenize } from './fts-tokens.ts';
import { loadLexical, saveLexical } from './lexical-file.ts';
import { LexicalIndex } from './lexical-index.ts';
import { sqlFilter } from './sql-filter.ts';
import { PropoError } from '../../../core/errors/index.ts';

interface Row { n: number; id: string; document_id: string; namespace: string; unit: string; page: number; start: number; end: number; paragraph_id: string; file: string; expert: string | null; text: string; vector?: Buffer }

const META = 't.n, t.id, t.document_id, t.namespace, t.unit, t.page, t.start, t."end", t.paragraph_id, t.file, t.expert, t.text';
const READ_CHUNK = 5_000;
const IN_CHUNK = 500;
/** Rows per INSERT statement of `write` (12 parameters each; SQLite allows 32,766). */
const WRITE_CHUNK = 256;
const MAX_CACHED_WORDS = 100_000;
/** Rows added or deleted since the BM25 file was saved that make a catch-up save it again: this many, or 2 % of the rows. */
const LEXICAL_SAVE_CHANGES = 256;
const LEXICAL_SAVE_SHARE = 0.02;
/** A saved BM25 index is rebuilt instead of caught up when the table has more new rows than this share of its rows. */
const CATCH_UP_SHARE = 0.5;

export interface LexicalFileOptions {
  /** Where the BM25 index is saved (`<base>.json` + its data file); not saved when absent. */
  base?: string | undefined;
  /** Reports a saved file that could not be used or a failed save (the index is rebuilt or kept in memory). */
  warn?: ((fields: Record<string, unknown>, message: string) => void) | undefined;
}

export class UnitTable {
  dense: DenseIndex;
  readonly #db: Db;
  readonly #t: string;
  readonly #denseOptions: DenseIndexOptions;
  readonly #statements = new Map<string, Statement>();
  /** The in-memory BM25 index (decision 0090), built on the first text search; null until then. */
  #lexical: LexicalIndex | null = null;
  readonly #lexicalFile: LexicalFileOptions;
  /** Rows added or removed since the BM25 index was last saved (or loaded); Infinity after a build. */
  #unsaved = 0;
  #saveTimer: NodeJS.Immediate | null = null;
  #saving: Promise<void> | null = null;
  #lexicalLoaded = false;
  /** Query word → its one FTS5 term (null: the word is not exactly one token; FTS5 then answers). */
  readonly #wordTerms = new Map<string, string | null>();
  /** Rows of the current write transaction for the dense index, added by `written` after the commit. */
  #written: DenseRow[] = [];

  constructor(db: Db, table: string, dense: DenseIndexOptions, lexicalFile: LexicalFileOptions = {}) {
    this.#db = db;
    this.#lexicalFile = lexicalFile;
    this.#t = table;
    this.#denseOptions = dense;
    this.dense = new DenseIndex(dense);
  }

  /** Creates the tables and triggers if missing, then loads (or rebuilds) the dense index. */
  open(): void {
    const t = this.#t;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS "${t}" (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL,
        namespace TEXT NOT NULL, unit TEXT NOT NULL, page INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        paragraph_id TEXT NOT NULL, file TEXT NOT NULL, expert TEXT, text TEXT NOT NULL, vector BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS "${t}_document" ON "${t}" (document_id);
      CREATE VIRTUAL TABLE IF NOT EXISTS "${t}_fts" USING fts5(text, content='${t}', content_rowid='n', tokenize='${FTS_TOKENIZE}');
      CREATE TABLE IF NOT EXISTS "${t}_gone" (seq INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL);
      CREATE TRIGGER IF NOT EXISTS "${t}_ai" AFTER INSERT ON "${t}" BEGIN
        INSERT INTO "${t}_fts" (rowid, text) VALUES (new.n, new.text); END;
      CREATE TRIGGER IF NOT EXISTS "${t}_ad" AFTER DELETE ON "${t}" BEGIN
        INSERT INTO "${t}_fts" ("${t}_fts", rowid, text) VALUES ('delete', old.n, old.text);
        INSERT INTO "${t}_gone" (n) VALUES (old.n); END;`);
    const { maxN, maxGone } = this.#marks();
    const loaded = this.dense.loadSaved(maxN, maxGone);
    this.#readRows(0, loaded ? this.dense.watermark : 0, false);
    this.catchUp();
    if (!this.dense.consistent()) {
      // The saved HNSW file does not match the rows (a restore, a lost write): rebuild from SQLite.
      this.dense = new DenseIndex(this.#denseOptions);
      this.catchUp();
    }
  }

  /** Adds rows and applies deletions committed (by any process) since the dense index last looked. */
  catchUp(): void {
    const { maxN, maxGone } = this.#marks();
    if (maxGone > this.dense.goneMark) {
      const gone = this.#db.prepare(`SELECT n FROM "${this.#t}_gone" WHERE seq > ?`).pluck().all(this.dense.goneMark) as number[];
      this.dense.remove(gone);
      this.dense.goneMark = maxGone;
    }
    if (maxN > this.dense.watermark) this.#readRows(this.dense.watermark, maxN, true);
    if (this.#lexical !== null) this.#catchUpLexical(this.#lexical);
  }

  /**
   * Replaces rows by id (delete + insert, so a changed row gets a new `n`) in the caller's write transaction.
   * When the dense index had seen every committed row before this write, the written rows are kept so that
   * `written` can add them to it after the commit without reading them back (the caller then catches up as usual:
   * the deletions, and any row it did not get this way); `discardWritten` drops them when the transaction failed.
   */
  write(records: VectorRecord[]): void {
    // Inside the write transaction no other process can add rows: all rows above the dense watermark are ours.
    const direct = this.#written.length === 0 && this.#marks().maxN <= this.dense.watermark ? this.#written : null;
    // Rows go in statements of WRITE_CHUNK rows (decision 0148): every statement that fires the FTS5 trigger opens a
    // statement savepoint, and FTS5 writes its pending terms to disk as a new segment at each savepoint, so one row
    // per statement made one segment per row and a merge after every few (≈ 1.6 s of the 2.0 s that the unit rows
    // and their two FTS5 indexes cost for the real set). The same rows, row numbers, terms and instances.
    for (let at = 0; at < records.length;) {
      const seen = new Set<string>();
      let end = at;
      // An id twice in one statement would break its UNIQUE constraint: it starts the next statement (delete, then insert, as row by row).
      while (end < records.length && end - at < WRITE_CHUNK && !seen.has((records[end] as VectorRecord).id)) seen.add((records[end++] as VectorRecord).id);
      this.#writeChunk(records.slice(at, end), direct);
      at = end;
    }
  }

  /** Deletes the rows with these ids and inserts `chunk`, each in one statement; AUTOINCREMENT numbers the rows in order. */
  #writeChunk(chunk: VectorRecord[], direct: DenseRow[] | null): void {
    const t = this.#t;
    this.#statement(`DELETE FROM "${t}" WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(chunk.map((r) => r.id)));
    const sql = `INSERT INTO "${t}" (id, document_id, namespace, unit, page, start, "end", paragraph_id, file, expert, text, vector) VALUES ${Array.from({ length: chunk.length }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    // Only the full-size statement is kept; a shorter last one is prepared for this write.
    const insert = chunk.length === WRITE_CHUNK ? this.#statement(sql) : this.#db.prepare(sql);
    // One buffer for the chunk's BLOBs (SQLite copies a bound BLOB): no ArrayBuffer per row for the GC to sweep.
    const floats = chunk.reduce((sum, r) => sum + r.vector.length, 0);
    const blob = Buffer.alloc(floats * 4);
    const view = new Float32Array(blob.buffer, blob.byteOffset, floats);
    const params: unknown[] = new Array(chunk.length * 12);
    let offset = 0;
    chunk.forEach((r, i) => {
      view.set(r.vector, offset);
      const bytes = blob.subarray(offset * 4, (offset + r.vector.length) * 4);
      offset += r.vector.length;
      const p = i * 12;
      params[p] = r.id; params[p + 1] = r.documentId; params[p + 2] = r.namespace; params[p + 3] = r.unit; params[p + 4] = r.page; params[p + 5] = r.start;
      params[p + 6] = r.end; params[p + 7] = r.paragraphId; params[p + 8] = r.file; params[p + 9] = r.expert ?? null; params[p + 10] = r.text; params[p + 11] = bytes;
    });
    const info = insert.run(...params);
    if (direct === null) return;
    if (info.changes !== chunk.length) throw new PropoError('PROPO_ERR_INTERNAL', `Writing ${chunk.length} rows to ${t} inserted ${info.changes}.`);
    const first = Number(info.lastInsertRowid) - chunk.length + 1;
    chunk.forEach((r, i) => direct.push({ n: first + i, namespace: r.namespace, documentId: r.documentId, expert: r.expert ?? null, vector: r.vector instanceof Float32Array ? r.vector : Float32Array.from(r.vector) }));
  }

  /** After the write transaction committed: adds the rows `write` kept to the dense index (in row order). */
  written(): void {
    const rows = this.#written;
    if (rows.length === 0) return;
    this.#written = [];
    this.dense.add(rows);
    this.dense.watermark = Math.max(this.dense.watermark, (rows[rows.length - 1] as DenseRow).n);
  }

  /** The write transaction failed: its rows were never committed. */
  discardWritten(): void { this.#written = []; }

  deleteWhere(filter: VectorFilter): number {
    const where = sqlFilter(filter);
    return this.#db.prepare(`DELETE FROM "${this.#t}" AS t WHERE ${where.sql}`).run(...where.params).changes;
  }

  /**
   * BM25 over this unit's rows, best first, ties by row number: FTS5's `bm25()` ranking, computed by the
   * in-memory index with MaxScore (decision 0090) so that common words do not cost a score per match.
   * A query word that FTS5 does not read as exactly one token goes to FTS5 itself (`searchTextFts`).
   * The k winners' rows are read afterwards.
   */
  searchText(text: string, k: number, filter: VectorFilter | undefined): ScoredHit[] {
    const words = ftsQueryWords(text);
    if (words.length === 0 || k <= 0) return [];
    const terms = this.#termsOf(words);
    if (terms === null) return this.searchTextFts(text, k, filter);
    const lexical = this.#lexicalIndex();
    return this.#hits(lexical.search(terms, k, this.dense.rows.accept(filter)));
  }

  /** BM25 through FTS5 (`ORDER BY rank`, which scores every match): the reference the in-memory index is tested against. */
  searchTextFts(text: string, k: number, filter: VectorFilter | undefined): ScoredHit[] {
    const match = ftsQuery(text);
    if (match === null || k <= 0) return [];
    const accept = this.dense.rows.accept(filter);
    const ranked: Array<{ n: number; score: number }> = [];
    const statement = this.#statement(`SELECT rowid AS n, -bm25("${this.#t}_fts") AS score FROM "${this.#t}_fts" WHERE "${this.#t}_fts" MATCH ? ORDER BY rank, rowid`);
    for (const row of statement.iterate(match) as IterableIterator<{ n: number; score: number }>) {
      if (!accept(row.n)) continue;
      ranked.push(row);
      if (ranked.length === k) break;
    }
    return this.#hits(ranked);
  }

  /** Where the in-memory BM25 index came from: built from FTS5, loaded from its file, or null before the first text search. */
  get lexicalOrigin(): 'built' | 'loaded' | null { return this.#lexical === null ? null : this.#lexicalLoaded ? 'loaded' : 'built'; }

  /** Memory of the in-memory BM25 index (bytes; 0 before the first text search). */
  get lexicalBytes(): number { return this.#lexical?.bytes ?? 0; }

  #hits(ranked: ReadonlyArray<{ n: number; score: number }>): ScoredHit[] {
    const rows = new Map(this.#byN(ranked.map((r) => r.n), false).map((row) => [row.n, row]));
    return ranked.flatMap((r) => { const row = rows.get(r.n); return row ? [toHit(row, r.score)] : []; });
  }

  /** Each query word's FTS5 term, in query order; null when one is not exactly one token. */
  #termsOf(words: readonly string[]): string[] | null {
    const missing = words.filter((word) => !this.#wordTerms.has(word));
    if (missing.length > 0) {
      const tokens = tokenize(this.#db, missing.map((word, i) => [i + 1, word] as const));
      if (this.#wordTerms.size + missing.length > MAX_CACHED_WORDS) this.#wordTerms.clear();
      missing.forEach((word, i) => {
        const terms = tokens.get(i + 1);
        const only = terms !== undefined && terms.size === 1 ? [...terms][0] : undefined;
        this.#wordTerms.set(word, only !== undefined && only[1] === 1 ? only[0] : null);
      });
    }
    const terms = words.map((word) => this.#wordTerms.get(word) ?? null);
    return terms.every((term) => term !== null) ? terms as string[] : null;
  }

  /**
   * The in-memory BM25 index: on first use loaded from its file (then caught up) or, when there is none or it does
   * not match the table, built from the FTS5 index and saved in the background (decision 0128). A table that went
   * back in time (a restore) rebuilds it.
   */
  #lexicalIndex(): LexicalIndex {
    if (this.#lexical !== null) return this.#lexical;
    const ln = this.#statement('SELECT ln(?)').pluck();
    const log = (x: number) => ln.get(x) as number;
    const loaded = this.#loadLexical(log);
    if (loaded !== null) return loaded;
    const lexical = new LexicalIndex(log);
    this.#db.transaction(() => {
      const { maxN, maxGone } = this.#marks();
      const rows = this.#db.prepare(`SELECT n FROM "${this.#t}" WHERE n <= ? ORDER BY n`).pluck().all(maxN) as number[];
      indexedTerms(this.#db, `${this.#t}_fts`, (n, term) => lexical.loadToken(term, n));
      lexical.finishLoad(rows);
      lexical.watermark = maxN;
      lexical.goneMark = maxGone;
    })();
    this.#lexical = lexical;
    this.#lexicalLoaded = false;
    this.#unsaved = Number.POSITIVE_INFINITY;
    this.#requestSave();
    return lexical;
  }

  /**
   * The saved index, caught up in one read snapshot and checked against FTS5's own totals (rows and tokens, the N
   * and lengths of its `bm25()`), which also catches a file from another database; null (logged) when unusable.
   */
  #loadLexical(log: (x: number) => number): LexicalIndex | null {
    const base = this.#lexicalFile.base;
    if (base === undefined) return null;
    const result = loadLexical(base, log);
    if (result.status === 'none') return null;
    let reason: string | null = result.status === 'unusable' ? result.reason : '';
    if (result.status === 'loaded') {
      const lexical = result.index;
      this.#db.transaction(() => {
        const { maxN, maxGone } = this.#marks();
        if (maxN < lexical.watermark || maxGone < lexical.goneMark) { reason = 'it is ahead of the table (a restore?)'; return; }
        // Tokenizing new rows one by one costs ≈ 3× a row of the bulk build (91 vs 31 µs): with more new rows than
        // half the saved ones, building is cheaper (the new index is then saved). Not a damaged file: not logged.
        const newer = this.#statement(`SELECT count(*) FROM "${this.#t}" WHERE n > ? AND n <= ?`).pluck().get(lexical.watermark, maxN) as number;
        if (newer > LEXICAL_SAVE_CHANGES && newer > lexical.rows * CATCH_UP_SHARE) { reason = null; return; }
        const changes = this.#applyLexical(lexical, maxN, maxGone);
        const totals = ftsTotals(this.#db, `${this.#t}_fts`) ?? { rows: 0, tokens: 0 }; // no record yet: an empty index
        if (totals.rows !== lexical.rows || totals.tokens !== lexical.tokens) { reason = 'its rows or tokens differ from FTS5\'s'; return; }
        this.#lexical = lexical;
        this.#lexicalLoaded = true;
        this.#unsaved = changes;
      })();
      if (this.#lexical === lexical) {
        if (this.#unsaved >= this.#saveAfter(lexical)) this.#requestSave();
        return lexical;
      }
    }
    if (reason !== null) this.#lexicalFile.warn?.({ event: 'bm25-index-file', table: this.#t, reason }, `saved BM25 index ignored (${reason}); rebuilding it from FTS5`);
    return null;
  }

  /** Applies deletions and adds rows committed (by any process) since the BM25 index last looked, in one read snapshot. */
  #catchUpLexical(lexical: LexicalIndex): void {
    this.#db.transaction(() => {
      const { maxN, maxGone } = this.#marks();
      if (maxN < lexical.watermark || maxGone < lexical.goneMark) { this.#lexical = null; return; }
      this.#unsaved += this.#applyLexical(lexical, maxN, maxGone);
    })();
    if (this.#lexical !== null && this.#unsaved >= this.#saveAfter(lexical)) this.#requestSave();
  }

  /** Inside a read transaction: deletions up to `maxGone`, then rows up to `maxN`; returns how many rows changed. */
  #applyLexical(lexical: LexicalIndex, maxN: number, maxGone: number): number {
    let changes = 0;
    if (maxGone > lexical.goneMark) {
      const gone = this.#db.prepare(`SELECT n FROM "${this.#t}_gone" WHERE seq > ? AND seq <= ?`).pluck().all(lexical.goneMark, maxGone) as number[];
      for (const n of gone) lexical.remove(n);
      lexical.goneMark = maxGone;
      changes += gone.length;
    }
    const select = this.#statement(`SELECT n, text FROM "${this.#t}" WHERE n > ? AND n <= ? ORDER BY n LIMIT ${READ_CHUNK}`);
    for (let from = lexical.watermark; from < maxN;) {
      const rows = select.raw().all(from, maxN) as Array<[number, string]>;
      if (rows.length === 0) break;
      const terms = tokenize(this.#db, rows);
      for (const [n] of rows) lexical.add(n, terms.get(n) as Map<string, number>);
      changes += rows.length;
      from = (rows[rows.length - 1] as [number, string])[0];
    }
    lexical.watermark = maxN;
    return changes;
  }

  #saveAfter(lexical: LexicalIndex): number {
    return Math.max(LEXICAL_SAVE_CHANGES, lexical.rows * LEXICAL_SAVE_SHARE);
  }

  /** Saves the BM25 index after the current request (never on its path); `close` runs a pending save at once. */
  #requestSave(): void {
    if (this.#lexicalFile.base === undefined || this.#saveTimer !== null) return;
    this.#saveTimer = setImmediate(() => { this.#saveTimer = null; void this.#saveLexical(); });
    this.#saveTimer.unref();
  }

  async #saveLexical(): Promise<void> {
    while (this.#saving !== null) await this.#saving;
    const lexical = this.#lexical;
    const base = this.#lexicalFile.base;
    if (lexical === null || base === undefined || this.#unsaved === 0) return;
    const unsaved = this.#unsaved;
    this.#unsaved = 0;
    this.#saving = saveLexical(base, lexical).then(() => undefined, (error: unknown) => {
      if (this.#lexical === lexical) this.#unsaved += unsaved;
      this.#lexicalFile.warn?.({ event: 'bm25-index-save', table: this.#t, error: error instanceof Error ? error.message : String(error) }, 'saving the BM25 index failed; it stays in memory');
    }).finally(() => { this.#saving = null; });
    await this.#saving;
  }

  /**
   * Loads or builds the BM25 index, catches it up with every committed row and saves it now if it changed
   * (the end of a CLI ingest): the next process's first search then loads the file instead of building it.
   */
  async prepareLexical(): Promise<void> {
    const lexical = this.#lexicalIndex();
    this.#catchUpLexical(lexical);
    if (this.#saveTimer !== null) {
      clearImmediate(this.#saveTimer);
      this.#saveTimer = null;
    }
    await this.#saveLexical();
  }

  /** Finishes a pending or running save of the BM25 index (the store's close). */
  async close(): Promise<void> {
    if (this.#saveTimer !== null) {
      clearImmediate(this.#saveTimer);
      this.#saveTimer = null;
      await this.#saveLexical();
    }
    await this.#saving;
  }

  searchDense(vector: Float32Array, k: number, filter: VectorFilter | undefined): ScoredHit[] {
    if (k <= 0) return [];
    const approximate = this.dense.approximate;
    const candidates = this.dense.search(vector, k, filter) ?? this.#exactFromSql(vector, k, filter);
    // HNSW candidates are re-scored with the exact float32 vectors (cheap: about 2k+10 rows).
    const rows = this.#byN(candidates.map((c) => c.n), approximate);
    const byN = new Map(rows.map((row) => [row.n, row]));
    const hits = candidates.flatMap((c) => {
      const row = byN.get(c.n);
      return row ? [toHit(row, approximate ? cosine(vector, toVector(row.vector as Buffer)) : c.score)] : [];
    });
    return approximate ? hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k) : hits;
  }

  count(filter: VectorFilter | undefined): number {
    const where = sqlFilter(filter);
    return this.#db.prepare(`SELECT count(*) FROM "${this.#t}" AS t WHERE ${where.sql}`).pluck().get(...where.params) as number;
  }

  listIds(filter: VectorFilter | undefined): string[] {
    const where = sqlFilter(filter);
    return this.#db.prepare(`SELECT t.id FROM "${this.#t}" AS t WHERE ${where.sql} ORDER BY t.n`).pluck().all(...where.params) as string[];
  }

  listDocumentIds(): string[] {
    return this.#db.prepare(`SELECT DISTINCT document_id FROM "${this.#t}"`).pluck().all() as string[];
  }

  fetch(ids: string[]): VectorRecord[] {
    const out: VectorRecord[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const rows = this.#db.prepare(`SELECT ${META}, t.vector FROM "${this.#t}" AS t WHERE t.id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Row[];
      for (const row of rows) out.push({ ...toHit(row, 0).record, vector: toVector(row.vector as Buffer) });
    }
    return out;
  }

  /** Prepared statements are cached per SQL text (most are reused on every search or write). */
  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) { statement = this.#db.prepare(sql); this.#statements.set(sql, statement); }
    return statement;
  }

  #marks(): { maxN: number; maxGone: number } {
    const maxN = this.#statement(`SELECT coalesce(max(n), 0) FROM "${this.#t}"`).pluck().get() as number;
    const maxGone = this.#statement(`SELECT coalesce(max(seq), 0) FROM "${this.#t}_gone"`).pluck().get() as number;
    return { maxN, maxGone };
  }

  /** Reads rows with above < n <= upTo in chunks: metadata only (covered by a loaded index) or with vectors. */
  #readRows(above: number, upTo: number, withVectors: boolean): void {
    const select = this.#db.prepare(`SELECT n, namespace, document_id, expert${withVectors ? ', vector' : ''} FROM "${this.#t}" WHERE n > ? AND n <= ? ORDER BY n LIMIT ${READ_CHUNK}`);
    for (let from = above; ;) {
      const rows = select.all(from, upTo) as Array<Pick<Row, 'n' | 'namespace' | 'document_id' | 'expert' | 'vector'>>;
      if (rows.length === 0) break;
      const keys = rows.map((row) => ({ n: row.n, namespace: row.namespace, documentId: row.document_id, expert: row.expert }));
      if (withVectors) this.dense.add(keys.map((key, i): DenseRow => ({ ...key, vector: toVector(rows[i]?.vector as Buffer) })));
      else for (const key of keys) this.dense.rows.add(key);
      from = (rows[rows.length - 1] as Row).n;
    }
    this.dense.watermark = Math.max(this.dense.watermark, upTo);
  }

  #exactFromSql(vector: Float32Array, k: number, filter: VectorFilter | undefined): Array<{ n: number; score: number }> {
    const where = sqlFilter(filter);
    const rows = this.#db.prepare(`SELECT t.n, t.vector FROM "${this.#t}" AS t WHERE ${where.sql}`).all(...where.params) as Array<{ n: number; vector: Buffer }>;
    const query = vector;
    return rows.map((row) => ({ n: row.n, score: cosine(query, toVector(row.vector)) })).sort((a, b) => b.score - a.score || a.n - b.n).slice(0, k);
  }

  #byN(ns: number[], withVectors: boolean): Row[] {
    if (ns.length === 0) return [];
    return this.#db.prepare(`SELECT ${META}${withVectors ? ', t.vector' : ''} FROM "${this.#t}" AS t WHERE t.n IN (${ns.map(() => '?').join(',')})`).all(...ns) as Row[];
  }
}

/** Drops one unit's tables and triggers (a no-op when absent). */
export function dropUnitTables(db: Db, table: string): void {
  for (const suffix of ['_ai', '_ad']) db.exec(`DROP TRIGGER IF EXISTS "${table}${suffix}"`);
  for (const suffix of ['_fts', '_gone', '']) db.exec(`DROP TABLE IF EXISTS "${table}${suffix}"`);
}

function toVector(blob: Buffer): Float32Array {
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i += 1) { const x = a[i] as number, y = b[i] as number; dot += x * y; na += x * x; nb += y * y; }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function toHit(row: Row, score: number): ScoredHit {
  return {
    id: row.id, score,
    record: { id: row.id, documentId: row.document_id, namespace: row.namespace, text: row.text, unit: row.unit === 'paragraph' ? 'paragraph' : 'proposition',
      page: row.page, start: row.start, end: row.end, paragraphId: row.paragraph_id, file: row.file, expert: row.expert },
  };
}
