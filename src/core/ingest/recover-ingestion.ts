/**
 * Crash recovery, run at start-up before serving: pending documents are resumed from the kept
 * original file (or discarded and reported when it is gone), and vectors that belong to no
 * visible document (a crash between vector write and commit, or before the old version's
 * vectors were dropped) are deleted.
 *
 * Another live process's pending rows are its ingestion in progress, not a crash: recovery runs
 * holding the writer lock (`exclusive`), and is skipped while another process holds it (a lock
 * left by a dead process is taken over, so a crash is still recovered by the next opener).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IngestDeps, IngestResult } from './ingest-file.ts';
import { removeStaleTempFiles } from './remove-stale-temp-files.ts';

export interface RecoveryReport {
  resumed: IngestResult[]; interrupted: string[]; orphanDocumentsCleaned: number; tempFilesRemoved: string[];
  /** Set when the disk was full: nothing was changed, recovery runs again later (issue 14 item 3). */
  deferred?: boolean;
  /** Set when another live process held the writer lock: nothing was changed. */
  skipped?: boolean;
}

/** Runs `work` holding the writer lock; resolves null (without running it) while another process holds it. */
export type RecoveryLock = <T>(work: () => Promise<T>) => Promise<T | null>;

export async function recoverIngestion(deps: IngestDeps, exclusive: RecoveryLock = (work) => work()): Promise<RecoveryReport> {
  // The lock is held for the whole recovery, so resumed files are written under it, not re-locked.
  const report = await exclusive(() => recoverHoldingLock({ ...deps, withWriteLock: (work) => work() }));
  return report ?? { resumed: [], interrupted: [], orphanDocumentsCleaned: 0, tempFilesRemoved: [], skipped: true };
}

async function recoverHoldingLock(deps: IngestDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = { resumed: [], interrupted: [], orphanDocumentsCleaned: 0, tempFilesRemoved: await removeStaleTempFiles(deps.filesDir) };
  const { repository } = deps;
  for (const job of repository.unfinishedJobs()) {
    const pending = repository.findById(job.documentId);
    if (pending && pending.status !== 'ingested') {
      await deps.vectors.deleteByDocument(pending.id);
      repository.delete(pending.id);
      const original = join(deps.filesDir, pending.sha256);
      if (existsSync(original)) {
        // The ingestion pipeline loads only when there is something to resume (most start-ups: nothing; decision 0130).
        const { ingestFile } = await import('./ingest-file.ts');
        const result = await ingestFile(deps, { fileName: pending.file, bytes: await readFile(original), sourcePath: pending.sourcePath });
        report.resumed.push(result);
      } else {
        report.interrupted.push(pending.file);
      }
    }
    repository.markJob(job.id, pending && pending.status !== 'ingested' ? 'interrupted' : 'done');
  }
  // Pending rows without a job (should not happen) are discarded too.
  for (const doc of repository.list({ includePending: true })) {
    if (doc.status !== 'ingested') {
      await deps.vectors.deleteByDocument(doc.id);
      repository.delete(doc.id);
      report.interrupted.push(doc.file);
    }
  }
  const visible = repository.visibleDocumentIds();
  for (const documentId of await deps.vectors.listDocumentIds()) {
    if (!visible.has(documentId)) {
      await deps.vectors.deleteByDocument(documentId);
      report.orphanDocumentsCleaned++;
    }
  }
  return report;
}
