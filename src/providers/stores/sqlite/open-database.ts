/**
 * Opens the app-state SQLite database (WAL, foreign keys, busy timeout) and applies
 * migrations. Several processes may open the same file: WAL gives readers at all times and
 * one writer at a time (busy_timeout waits for the writer lock instead of failing).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CORE_MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

/** SQLite's answers when the disk is full (SHMSIZE: the WAL index file could not be grown). */
export function isSqliteDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || code === 'SQLITE_IOERR_WRITE' && /disk|space/i.test(String((error as Error).message));
}

export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  try {
    return openWith(file, options, false);
  } catch (error) {
    // Issue 14 item 3: on a full disk the WAL index (-shm) cannot be created. Exclusive locking
    // keeps the index in memory, so reads (docs list, ask, serve) still work until space returns.
    if (!isSqliteDiskFull(error)) throw error;
    return openWith(file, options, true);
  }
}

function openWith(file: string, options: { readonly?: boolean }, exclusive: boolean): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 10000');
    if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Statement and savepoint journals in memory (decision 0148): once one outgrew 64 KiB in a write
      // transaction (an FTS5 segment merge inside a unit-row insert, a document's savepoint), every later
      // statement of that transaction wrote its journal to a temp file: ≈ 190,000 pwrite calls and ≈ 0.5 s of
      // CPU (mostly system) per ingest of the real set. Holds only the pages one statement or one document's
      // savepoint changes that existed before it; temp tables and sorts also stay in memory.
      db.pragma('temp_store = MEMORY');
      applyMigrations(db, 'core', CORE_MIGRATIONS);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Applies a feature's migrations once each. Features (ledger, chat sessions, users...) own
 * their tables and call this with their own `scope`, so no shared migration list is edited.
 */
export function applyMigrations(db: Db, scope: string, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  const apply = db.transaction((id: string, name: string, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT OR IGNORE INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(id, name, new Date().toISOString());
  });
  for (const migration of migrations) {
    const id = `${scope}:${migration.version}`;
    if (!applied.has(id)) apply.immediate(id, migration.name, migration.sql);
  }
}
