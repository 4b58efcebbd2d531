/**
 * The default `VectorStore`: SQLite as the single local store (decision 0010). Each retrieval
 * unit has its own tables (`vec_<table>` for propositions, `vec_<table>_paragraphs`), so each keeps its
 * own BM25 statistics (decision 0008); BM25 is FTS5's `bm25()` over a Porter-stemmed unicode61
 * index; dense search is exact below `annThreshold` rows and HNSW (usearch) above, derived from
 * the vectors in SQLite and rebuilt when its file is missing or stale. Every read first catches
 * up with rows committed by other processes (WAL readers see them at once).
 */
import { join, dirname } from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';
import type { RetrievalUnit, ScoredHit, VectorRecord } from '../../../core/domain/index.ts';
import type { IndexIdentity, VectorFilter, VectorStore } from '../../../core/ports/index.ts';
import { openDatabase, type Db } from '../sqlite/index.ts';
import { assertSameIdentity, assertVectorDimensions } from '../lancedb/identity-check.ts';
import { removeAnn } from './ann-file.ts';
import { removeLexical } from './lexical-file.ts';
import { dropUnitTables, UnitTable } from './unit-table.ts';

export interface SqliteVectorStoreOptions {
  /** The SQLite database file (the app's `propo.sqlite`, so rows commit next to their documents). */
  file: string;
  /** Base table name; default `propositions` (a reindex writes `propositions_v2` ...). */
  table?: string;
  /** Live rows from which a unit's dense index becomes HNSW; default 20000. */
  annThreshold?: number;
  /** Folder of the HNSW and BM25 index files (derived data, not backed up); default `<db dir>/ann`. */
  annDir?: string;
  /**
   * The app's open connection to `file`, used instead of a second one (which a database opened in exclusive mode on a
   * full disk would refuse); the store never closes it.
   */
  connection?: Db;
  /** Reports a saved BM25 index file that could not be used, or a failed save (the app's logger). */
  warn?: (fields: Record<string, unknown>, message: string) => void;
}

export class SqliteVectorStore implements VectorStore {
  readonly name = 'sqlite';
  readonly #options: SqliteVectorStoreOptions;
  #db: Db | undefined;
  #identity: IndexIdentity | undefined;
  #units: Record<RetrievalUnit, UnitTable> | undefined;

  constructor(options: SqliteVectorStoreOptions) {
    this.#options = options;
  }

  get tableName(): string { return this.#options.table ?? 'propositions'; }

  async open(identity: IndexIdentity): Promise<void> {
    await this.close();
    const shared = this.#options.connection;
    const db = shared ?? this.#guard('open the database', () => openDatabase(this.#options.file));
    try {
      db.exec('CREATE TABLE IF NOT EXISTS vector_indexes (name TEXT PRIMARY KEY, embedder TEXT NOT NULL, dimensions INTEGER NOT NULL)');
      db.prepare('INSERT OR IGNORE INTO vector_indexes (name, embedder, dimensions) VALUES (?, ?, ?)').run(this.tableName, identity.embedder, identity.dimensions);
      const stored = db.prepare('SELECT embedder, dimensions FROM vector_indexes WHERE name = ?').get(this.tableName) as IndexIdentity;
      assertSameIdentity(stored, identity, `${this.#options.file} (${this.tableName})`);
      const annDir = annDirOf(this.#options);
      const unit = (table: string) => new UnitTable(db, table, { dimensions: identity.dimensions, annThreshold: identity.placeholderVectors ? Number.POSITIVE_INFINITY : this.#options.annThreshold ?? 20_000, annBase: join(annDir, table) },
        { base: lexicalBaseOf(annDir, table), warn: this.#options.warn });
      const units = { proposition: unit(`vec_${this.tableName}`), paragraph: unit(`vec_${this.tableName}_paragraphs`) };
      this.#guard('open the index tables', () => { units.proposition.open(); units.paragraph.open(); });
      this.#db = db;
      this.#identity = identity;
      this.#units = units;
    } catch (error) {
      if (shared === undefined) db.close();
      throw error;
    }
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    const { db, units } = this.#require();
    for (const record of records) assertVectorDimensions(record, this.#identity as IndexIdentity);
    const unique = [...new Map(records.map((record) => [record.id, record])).values()];
    if (unique.length === 0) return;
    try {
      this.#guard('upsert', () => db.transaction(() => {
        units.proposition.write(unique.filter((r) => r.unit !== 'paragraph'));
        units.paragraph.write(unique.filter((r) => r.unit === 'paragraph'));
      }).immediate());
    } catch (error) {
      units.proposition.discardWritten();
      units.paragraph.discardWritten();
      throw error;
    }
    // The rows just written go to the dense indexes from memory (not read back); catching up does the rest.
    units.proposition.written();
    units.paragraph.written();
    this.#catchUp();
  }

  async deleteByDocument(documentId: string, namespace?: string): Promise<number> {
    const { db, units } = this.#require();
    const filter: VectorFilter = namespace === undefined ? { documentIds: [documentId] } : { documentIds: [documentId], namespace };
    const deleted = this.#guard('delete', () => db.transaction(() => units.proposition.deleteWhere(filter) + units.paragraph.deleteWhere(filter)).immediate());
    this.#catchUp();
    return deleted;
  }

  async searchDense(vector: Float32Array, k: number, filter?: VectorFilter): Promise<ScoredHit[]> {
    this.#require();
    assertVectorDimensions({ id: '(query)', vector }, this.#identity as IndexIdentity);
    return this.#search(filter, k, (unit) => unit.searchDense(vector, k, filter));
  }

  async searchText(query: string, k: number, filter?: VectorFilter): Promise<ScoredHit[]> {
    return this.#search(filter, k, (unit) => unit.searchText(query, k, filter));
  }

  async count(filter?: VectorFilter): Promise<number> {
    return this.#for(filter).reduce((total, unit) => total + this.#guard('count', () => unit.count(filter)), 0);
  }

  async listIds(filter?: VectorFilter): Promise<string[]> {
    return this.#for(filter).flatMap((unit) => this.#guard('list ids', () => unit.listIds(filter)));
  }

  async fetch(ids: string[]): Promise<VectorRecord[]> {
    const found = new Map(this.#for(undefined).flatMap((unit) => this.#guard('fetch', () => unit.fetch(ids))).map((record) => [record.id, record]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async listDocumentIds(): Promise<string[]> {
    return [...new Set(this.#for(undefined).flatMap((unit) => unit.listDocumentIds()))].sort();
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    if (this.#units === undefined) return { ok: false, detail: 'SQLite vector store is not open' };
    try {
      const { proposition, paragraph } = this.#units;
      const mode = (unit: UnitTable) => unit.dense.approximate ? 'hnsw' : 'exact';
      return { ok: true, detail: `${this.tableName}: ${proposition.count(undefined)} propositions (${mode(proposition)}), ${paragraph.count(undefined)} paragraphs (${mode(paragraph)})` };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async prepareText(): Promise<void> {
    for (const unit of this.#for(undefined)) await unit.prepareLexical();
  }

  /** Resolves when background HNSW builds have finished (benchmarks, tests). */
  async settled(): Promise<void> {
    for (const unit of this.#for(undefined)) await unit.dense.settled();
  }

  async close(): Promise<void> {
    const units = this.#units;
    this.#units = undefined;
    if (units !== undefined) for (const unit of Object.values(units)) { await unit.dense.close(); await unit.close(); }
    if (this.#options.connection === undefined) this.#db?.close();
    this.#db = undefined;
    this.#identity = undefined;
  }

  #search(filter: VectorFilter | undefined, k: number, search: (unit: UnitTable) => ScoredHit[]): ScoredHit[] {
    this.#catchUp();
    const lists = this.#for(filter).map((unit) => this.#guard('search', () => search(unit)));
    if (lists.length === 1) return lists[0] as ScoredHit[];
    return lists.flat().sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
  }

  #catchUp(): void {
    for (const unit of this.#for(undefined)) this.#guard('read new rows', () => unit.catchUp());
  }

  #for(filter: VectorFilter | undefined): UnitTable[] {
    const { units } = this.#require();
    return filter?.unit === undefined ? [units.proposition, units.paragraph] : [units[filter.unit]];
  }

  #require(): { db: Db; units: Record<RetrievalUnit, UnitTable> } {
    if (this.#db === undefined || this.#units === undefined) {
      throw new PropoError('PROPO_ERR_STORE_UNAVAILABLE', 'The SQLite vector store is not open. Call open(identity) before using it.');
    }
    return { db: this.#db, units: this.#units };
  }

  #guard<T>(action: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof PropoError) throw error;
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new PropoError('PROPO_ERR_STORE_UNAVAILABLE', `SQLite could not ${action} in ${this.#options.file}: ${detail}. Check that the data directory exists, is writable and is not damaged.`, { cause: error });
    }
  }
}

/** Drops a (closed) store's tables and HNSW files: a reindex removing the table it replaced. */
export function dropSqliteVectorTables(options: SqliteVectorStoreOptions & { table: string }): void {
  const db = openDatabase(options.file);
  try {
    const tables = [`vec_${options.table}`, `vec_${options.table}_paragraphs`];
    db.transaction(() => {
      for (const table of tables) dropUnitTables(db, table);
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'vector_indexes'").get() !== undefined) db.prepare('DELETE FROM vector_indexes WHERE name = ?').run(options.table);
    })();
    for (const table of tables) { removeAnn(join(annDirOf(options), table)); removeLexical(lexicalBaseOf(annDirOf(options), table)); }
  } finally {
    db.close();
  }
}

/** The BM25 index file's base (decision 0128): next to the HNSW files, `<table>-bm25.json` and its data file. */
function lexicalBaseOf(annDir: string, table: string): string {
  return join(annDir, `${table}-bm25`);
}

function annDirOf(options: SqliteVectorStoreOptions): string {
  return options.annDir ?? join(dirname(options.file), 'ann');
}

/** Creates the SQLite `VectorStore` (call `open(identity)` before use). */
export function createSqliteVectorStore(options: SqliteVectorStoreOptions): SqliteVectorStore {
  return new SqliteVectorStore(options);
}
