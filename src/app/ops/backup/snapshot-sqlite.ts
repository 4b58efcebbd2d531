/**
 * A consistent copy of the live SQLite database through SQLite's online backup API
 * (better-sqlite3 `db.backup`): pages are copied in steps while other connections keep
 * writing; a write during the copy restarts it, so the result is one committed state.
 */
import Database from 'better-sqlite3';
import { PropoError } from '../../../core/errors/index.ts';

export async function snapshotSqlite(sourceFile: string, targetFile: string): Promise<{ pages: number }> {
  let db: Database.Database;
  try {
    db = new Database(sourceFile, { fileMustExist: true });
  } catch (error) {
    throw new PropoError('PROPO_ERR_BACKUP', `Cannot open ${sourceFile} for backup: ${(error as Error).message}. Check that the data dir is right.`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 10000');
    const result = await db.backup(targetFile);
    // A self-contained file: no -wal/-shm needed to open the copy (restore turns WAL back on).
    const copy = new Database(targetFile);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return { pages: result.totalPages };
  } catch (error) {
    throw new PropoError('PROPO_ERR_BACKUP', `SQLite backup of ${sourceFile} failed: ${(error as Error).message}.`, { cause: error });
  } finally {
    db.close();
  }
}
