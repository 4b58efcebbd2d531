/**
 * Opens a (copied) data dir read-only and counts what is in it: the SQLite app state, the SQLite
 * vector tables (`sqlite:<table>`, version 0: they are part of the snapshot) and every LanceDB
 * table with its version, row count and embedder identity. A backup records these
 * counts; verify and restore recount them from the archive's copy and compare.
 */
import Database from 'better-sqlite3';
import '../../../providers/stores/lancedb/lance-runtime.ts';
import { connect } from '@lancedb/lancedb';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';
import type { IndexIdentity } from '../../../core/ports/index.ts';
import { identityFromSchema } from '../../../providers/stores/lancedb/lancedb-arrow.ts';

export interface DataCounts { documents: number; pages: number; paragraphs: number; propositions: number; chatSessions: number; ledgerEntries: number; collections: number }
export interface LanceTableInfo { name: string; version: number; rows: number; identity: IndexIdentity }
export interface DataDirInfo { counts: DataCounts; tables: LanceTableInfo[]; integrity: string }

const countOf = (db: Database.Database, sql: string): number => {
  try {
    return Number((db.prepare(sql).get() as { n: number }).n);
  } catch {
    return 0; // a feature table that was never created
  }
};

export function inspectSqlite(file: string): { counts: DataCounts; integrity: string } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new PropoError('PROPO_ERR_BACKUP', `The SQLite copy ${file} does not open: ${(error as Error).message}.`, { cause: error });
  }
  try {
    const integrity = String((db.pragma('quick_check', { simple: true }) as string | undefined) ?? 'unknown');
    return {
      integrity,
      counts: {
        documents: countOf(db, "SELECT count(*) AS n FROM documents WHERE status = 'ingested'"),
        pages: countOf(db, "SELECT count(*) AS n FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested'"),
        paragraphs: countOf(db, "SELECT count(*) AS n FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested'"),
        propositions: countOf(db, "SELECT count(*) AS n FROM propositions p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested'"),
        chatSessions: countOf(db, 'SELECT count(*) AS n FROM chat_sessions'),
        ledgerEntries: countOf(db, 'SELECT count(*) AS n FROM answers_ledger'),
        collections: countOf(db, 'SELECT count(*) AS n FROM collections'),
      },
    };
  } finally {
    db.close();
  }
}

/** The default store's vector tables inside the SQLite file (none before decision 0010). */
export function inspectSqliteVectors(file: string): LanceTableInfo[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'vector_indexes'").get() === undefined) return [];
    const indexes = db.prepare('SELECT name, embedder, dimensions FROM vector_indexes ORDER BY name').all() as Array<{ name: string; embedder: string; dimensions: number }>;
    return indexes.flatMap((index) => [`vec_${index.name}`, `vec_${index.name}_paragraphs`].map((table) => ({
      name: `sqlite:${table}`, version: 0, rows: countOf(db, `SELECT count(*) AS n FROM "${table}"`), identity: { embedder: index.embedder, dimensions: index.dimensions },
    })));
  } finally {
    db.close();
  }
}

export async function inspectLance(dir: string): Promise<LanceTableInfo[]> {
  if (!existsSync(dir)) return [];
  const connection = await connect(dir);
  try {
    const tables: LanceTableInfo[] = [];
    for (const name of (await connection.tableNames()).sort()) {
      const table = await connection.openTable(name);
      try {
        tables.push({ name, version: await table.version(), rows: await table.countRows(), identity: identityFromSchema(await table.schema()) });
      } finally {
        table.close();
      }
    }
    return tables;
  } catch (error) {
    throw new PropoError('PROPO_ERR_BACKUP', `The LanceDB copy ${dir} does not open: ${(error as Error).message.split('\n')[0]}.`, { cause: error });
  } finally {
    connection.close();
  }
}

export async function inspectDataDir(dataDir: string): Promise<DataDirInfo> {
  const { counts, integrity } = inspectSqlite(join(dataDir, 'propo.sqlite'));
  const file = join(dataDir, 'propo.sqlite');
  return { counts, integrity, tables: [...inspectSqliteVectors(file), ...await inspectLance(join(dataDir, 'lancedb'))] };
}
