/**
 * `bin/propo restore <archive> [--force]`: verifies the archive, then replaces the data dir
 * with the archive's copy. The archive is extracted beside the data dir (same filesystem) so the
 * switch is two renames: data dir → `<dataDir>.pre-restore-<time>`, extracted copy → data dir;
 * the previous dir is removed only after the switch. A data dir that cannot be renamed (a mount
 * point such as a Docker volume, or a parent that is not writable like a read-only container root)
 * is switched in place instead: the archive is extracted inside it and its entries are moved
 * (`swapEntriesInPlace`). A non-empty data dir is refused without `force` (PROPO_ERR_CONFLICT); the
 * writer lock keeps ingestion out meanwhile. Stop the servers that use the data dir first: they
 * would keep reading the replaced files.
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';
import { acquireWriterLock, WRITER_LOCK_FILE, type WriterLock } from '../writer-lock.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { extractArchive, verifyExtracted } from './verify-backup.ts';

export interface RestoreOptions {
  archive: string;
  dataDir: string;
  force?: boolean;
  /** Keep the replaced data dir as `<dataDir>.pre-restore-<time>` (in place: `<dataDir>/.pre-restore-<time>`) instead of deleting it. */
  keepPrevious?: boolean;
  /** Switch entries inside the data dir instead of renaming it; default: when it is a mount point or its parent is not writable. */
  inPlace?: boolean;
}

export interface RestoreResult { dataDir: string; manifest: BackupManifest; durationMs: number; previous: string | null }

function isNonEmpty(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((entry) => entry !== WRITER_LOCK_FILE);
}

/** A mount point (other device than its parent) or a dir whose parent we cannot write cannot be swapped by rename. */
function mustSwapInPlace(dataDir: string): boolean {
  if (!existsSync(dataDir)) return false;
  if (statSync(dataDir).dev !== statSync(dirname(dataDir)).dev) return true;
  try {
    accessSync(dirname(dataDir), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Moves the data dir's entries into `previous`, then the restored entries from `restored` into the data dir. */
async function swapEntriesInPlace(dataDir: string, restored: string, previous: string): Promise<void> {
  const keep = new Set([basename(previous), basename(dirname(restored)), WRITER_LOCK_FILE]);
  await mkdir(previous, { recursive: true });
  for (const entry of readdirSync(dataDir)) if (!keep.has(entry)) await rename(join(dataDir, entry), join(previous, entry));
  for (const entry of readdirSync(restored)) await rename(join(restored, entry), join(dataDir, entry));
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  if (isNonEmpty(dataDir) && !options.force) {
    throw new PropoError('PROPO_ERR_CONFLICT', `${dataDir} is not empty. Restore replaces it: stop Propo, then rerun with --force (the current data is removed), or restore into an empty --data-dir.`);
  }
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const inPlace = options.inPlace ?? mustSwapInPlace(dataDir);
  const work = inPlace ? join(dataDir, `.restore-${stamp}`) : join(dirname(dataDir), `.${basename(dataDir)}.restore-${stamp}`);
  let lock: WriterLock | null = null;
  try {
    await extractArchive(options.archive, work);
    const verified = await verifyExtracted(work);
    if (!verified.ok || verified.manifest === null) {
      throw new PropoError('PROPO_ERR_BACKUP', `${options.archive} failed verification, nothing was changed: ${verified.problems.slice(0, 5).join('; ')}.`);
    }
    if (existsSync(dataDir)) lock = await acquireWriterLock(dataDir, { purpose: 'restore' });
    let previous: string | null = null;
    if (inPlace) {
      previous = join(dataDir, `.pre-restore-${stamp}`);
      await swapEntriesInPlace(dataDir, join(work, 'data'), previous);
    } else {
      if (existsSync(dataDir)) {
        previous = `${dataDir}.pre-restore-${stamp}`;
        await rename(dataDir, previous);
      }
      await mkdir(dirname(dataDir), { recursive: true });
      await rename(join(work, 'data'), dataDir);
    }
    if (previous !== null && !options.keepPrevious) {
      await rm(previous, { recursive: true, force: true });
      previous = null;
    }
    return { dataDir, manifest: verified.manifest, durationMs: Math.round(performance.now() - started), previous };
  } finally {
    // The lock file moved away with the previous dir; release() only removes a lock that is still ours.
    lock?.release();
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
