/**
 * `bin/propo backup`: one archive `propo_<UTC YYYYMMDD_HHMMSS>.tar.gz` in `backup.dir` with
 *   data/propo.sqlite   online-backup snapshot (taken first)
 *   data/lancedb/...    every table as of one version pinned after the snapshot, so every document
 *                       the snapshot shows as ingested has its vectors (ingestion writes vectors
 *                       before it commits the document); extra vectors of in-flight documents are
 *                       removed by the recovery that runs when a restored dir is opened
 *   data/files/...      the kept original files
 *   config/             .env and the config file when present (they may hold secrets: mode 0600)
 *   logs/               app.log, security_audit.log ...
 *   manifest.json       sha256 of every file, counts, embedder identity, versions
 * Safe while Propo serves and ingests; takes no writer lock.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { c as createTar } from 'tar';
import type { PropoConfig } from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { backupPineconeIfActive } from './pinecone-step.ts';
import { archiveName, BACKUP_FORMAT, checksumTree, MANIFEST_FILE, type BackupManifest } from './backup-manifest.ts';
import { isTempFile } from '../../../core/ingest/remove-stale-temp-files.ts';
import { copyLanceDatabase } from './copy-lance-database.ts';
import { inspectDataDir } from './inspect-data-dir.ts';
import { snapshotSqlite } from './snapshot-sqlite.ts';

export interface CreateBackupOptions {
  config: Pick<PropoConfig, 'dataDir' | 'logDir' | 'namespace' | 'backup' | 'vectorStore' | 'embedder'>;
  /** Config file to include (the one that was loaded), if any. */
  configFile?: string | null;
  /** .env file to include, if any. */
  envFile?: string | null;
  now?: Date;
  /** Called between stages (tests use it to interleave writes). */
  onStage?: (stage: 'sqlite' | 'lancedb' | 'files' | 'archive') => void | Promise<void>;
}

export interface BackupResult { archive: string; bytes: number; durationMs: number; manifest: BackupManifest }

const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };

export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const { config } = options;
  const sqliteFile = join(config.dataDir, 'propo.sqlite');
  if (!existsSync(sqliteFile)) {
    throw new PropoError('PROPO_ERR_BACKUP', `There is nothing to back up: ${sqliteFile} does not exist. Check --data-dir / PROPO_DATA_DIR.`);
  }
  const now = options.now ?? new Date();
  const name = archiveName(now);
  await mkdir(config.backup.dir, { recursive: true });
  const archive = join(config.backup.dir, name);
  if (existsSync(archive)) throw new PropoError('PROPO_ERR_CONFLICT', `${archive} already exists. Wait a second and retry.`);
  const staging = join(config.backup.dir, `.staging-${randomUUID()}`);
  const partial = `${archive}.partial`;
  try {
    await mkdir(join(staging, 'data'), { recursive: true, mode: 0o700 });
    await options.onStage?.('sqlite');
    await snapshotSqlite(sqliteFile, join(staging, 'data', 'propo.sqlite'));
    await options.onStage?.('lancedb');
    await copyLanceDatabase(join(config.dataDir, 'lancedb'), join(staging, 'data', 'lancedb'));
    await backupPineconeIfActive(config, join(staging, 'data'));
    await options.onStage?.('files');
    if (existsSync(join(config.dataDir, 'files'))) await cp(join(config.dataDir, 'files'), join(staging, 'data', 'files'), { recursive: true, filter: (source) => !isTempFile(basename(source)) });
    for (const file of [options.configFile, options.envFile]) {
      if (file && existsSync(file)) {
        await mkdir(join(staging, 'config'), { recursive: true, mode: 0o700 });
        await copyFile(file, join(staging, 'config', basename(file)));
      }
    }
    if (existsSync(config.logDir)) await cp(config.logDir, join(staging, 'logs'), { recursive: true });

    const info = await inspectDataDir(join(staging, 'data'));
    const main = info.tables[0];
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      versions: { propo: pkg.version, node: process.version, lancedb: pkg.dependencies['@lancedb/lancedb'] ?? 'unknown', betterSqlite3: pkg.dependencies['better-sqlite3'] ?? 'unknown' },
      namespace: config.namespace,
      embedder: main ? { name: main.identity.embedder, dimensions: main.identity.dimensions } : null,
      counts: { ...info.counts, vectors: info.tables.filter((t) => t.name !== '__manifest').reduce((sum, t) => sum + t.rows, 0) },
      lance: info.tables,
      sqliteIntegrity: info.integrity,
      files: await checksumTree(staging),
    };
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await options.onStage?.('archive');
    await createTar({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST_FILE, ...manifest.files.map((f) => f.path)]);
    await chmod(partial, 0o600);
    await rename(partial, archive);
    return { archive, bytes: (await stat(archive)).size, durationMs: Math.round(performance.now() - started), manifest };
  } catch (error) {
    await rm(partial, { force: true });
    throw error instanceof PropoError ? error : new PropoError('PROPO_ERR_BACKUP', `Backup failed: ${(error as Error).message}.`, { cause: error });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
