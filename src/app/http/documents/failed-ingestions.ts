/**
 * Failed web uploads, kept so the Documents tab can list them with their error and offer a retry (issue 15).
 * One row per (namespace, file name): a later success of that name clears it. The uploaded bytes are kept
 * (under `<dataDir>/failed-files/<sha256>`) only when a retry can help — an encrypted PDF (retry with the
 * password) or a retryable failure (embedder down, timeout, disk full…); otherwise the user must upload again.
 * At most MAX_KEPT rows: the oldest go first, with their bytes.
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../core/errors/index.ts';
import { applyMigrations, type Db } from '../../../providers/stores/sqlite/index.ts';

export interface FailedIngestion {
  id: string; file: string; errorCode: string; errorMessage: string; bytes: number; kept: boolean; failedAt: string; attempts: number;
}

const MAX_KEPT = 200;
/** Failures a retry of the same bytes can fix (besides the retryable codes of the catalogue). */
const RETRY_HELPS = new Set(['PROPO_ERR_PDF_ENCRYPTED', 'PROPO_ERR_INTERNAL', 'PROPO_ERR_ABORTED']);

export function retryCanHelp(code: string): boolean {
  return RETRY_HELPS.has(code) || (ERROR_CATALOGUE[code as ErrorCode]?.retryable ?? false);
}

export class FailedIngestions {
  private readonly dir: string;

  constructor(private readonly db: Db, dataDir: string, private readonly namespace: string) {
    this.dir = join(dataDir, 'failed-files');
    applyMigrations(db, 'failed-ingestions', [{
      version: 1,
      name: 'failed-ingestions',
      sql: `CREATE TABLE failed_ingestions (
        id TEXT PRIMARY KEY, namespace TEXT NOT NULL, file TEXT NOT NULL, error_code TEXT NOT NULL, error_message TEXT NOT NULL,
        sha256 TEXT, bytes INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 1, failed_at TEXT NOT NULL,
        UNIQUE (namespace, file));`,
    }]);
  }

  list(): FailedIngestion[] {
    return this.db.prepare(`SELECT id, file, error_code AS errorCode, error_message AS errorMessage, bytes, sha256 IS NOT NULL AS kept, failed_at AS failedAt, attempts
      FROM failed_ingestions WHERE namespace = ? ORDER BY failed_at DESC, file`).all(this.namespace).map((row) => ({ ...(row as FailedIngestion), kept: (row as { kept: number }).kept === 1 }));
  }

  find(id: string): FailedIngestion | null {
    return this.list().find((f) => f.id === id) ?? null;
  }

  /** Records (or updates) the failure of `file`; keeps `bytes` when a retry can help. */
  async record(file: string, error: { code: string; message: string }, bytes?: Uint8Array): Promise<void> {
    const keep = bytes !== undefined && bytes.length > 0 && retryCanHelp(error.code);
    const sha = keep ? createHash('sha256').update(bytes).digest('hex') : null;
    if (keep && sha) {
      await mkdir(this.dir, { recursive: true });
      await writeFile(join(this.dir, sha), bytes);
    }
    const previous = this.db.prepare('SELECT sha256 FROM failed_ingestions WHERE namespace = ? AND file = ?').get(this.namespace, file) as { sha256: string | null } | undefined;
    const id = `failed_${createHash('sha256').update(`${this.namespace}\0${file}`).digest('hex').slice(0, 16)}`;
    this.db.prepare(`INSERT INTO failed_ingestions (id, namespace, file, error_code, error_message, sha256, bytes, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (namespace, file) DO UPDATE SET error_code = excluded.error_code, error_message = excluded.error_message, sha256 = excluded.sha256,
      bytes = excluded.bytes, failed_at = excluded.failed_at, attempts = attempts + 1`)
      .run(id, this.namespace, file, error.code, error.message.slice(0, 2000), sha, bytes?.length ?? 0, new Date().toISOString());
    if (previous?.sha256 && previous.sha256 !== sha) await this.dropBytes(previous.sha256);
    const excess = this.db.prepare('SELECT id FROM failed_ingestions ORDER BY failed_at DESC LIMIT -1 OFFSET ?').all(MAX_KEPT) as Array<{ id: string }>;
    for (const row of excess) await this.remove(row.id);
  }

  /** The kept bytes of a failure, or null when they were not kept. */
  async bytes(id: string): Promise<Uint8Array | null> {
    const row = this.db.prepare('SELECT sha256 FROM failed_ingestions WHERE id = ? AND namespace = ?').get(id, this.namespace) as { sha256: string | null } | undefined;
    if (!row?.sha256) return null;
    return readFile(join(this.dir, row.sha256)).then((b) => new Uint8Array(b), () => null);
  }

  /** Forgets the failure of a file name (it was ingested after all). */
  async clear(file: string): Promise<void> {
    const row = this.db.prepare('SELECT id FROM failed_ingestions WHERE namespace = ? AND file = ?').get(this.namespace, file) as { id: string } | undefined;
    if (row) await this.remove(row.id);
  }

  async remove(id: string): Promise<boolean> {
    const row = this.db.prepare('SELECT sha256 FROM failed_ingestions WHERE id = ?').get(id) as { sha256: string | null } | undefined;
    if (!row) return false;
    this.db.prepare('DELETE FROM failed_ingestions WHERE id = ?').run(id);
    if (row.sha256) await this.dropBytes(row.sha256);
    return true;
  }

  private async dropBytes(sha: string): Promise<void> {
    const stillUsed = this.db.prepare('SELECT 1 FROM failed_ingestions WHERE sha256 = ? LIMIT 1').get(sha);
    if (!stillUsed) await unlink(join(this.dir, sha)).catch(() => undefined);
  }
}

const byDb = new WeakMap<Db, Map<string, FailedIngestions>>();
/** One instance per database and namespace (the table is created on first use). */
export function failedIngestionsFor(db: Db, dataDir: string, namespace: string): FailedIngestions {
  let forDb = byDb.get(db);
  if (!forDb) byDb.set(db, (forDb = new Map()));
  let store = forDb.get(namespace);
  if (!store) forDb.set(namespace, (store = new FailedIngestions(db, dataDir, namespace)));
  return store;
}
