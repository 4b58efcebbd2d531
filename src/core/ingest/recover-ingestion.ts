/**
 * Crash recovery, run at start-up before serving: pending documents are resumed from the kept
 * original file (or discarded and reported when it is gone), and vectors that belong to no
 * visible document (a crash between vector write and commit, or before the old version's
 * vectors were dropped) are deleted.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestFile, type IngestDeps, type IngestResult } from './ingest-file.ts';
import { removeStaleTempFiles } from './remove-stale-temp-files.ts';

export interface RecoveryReport {
  resumed: IngestResult[]; interrupted: string[]; orphanDocumentsCleaned: number; tempFilesRemoved: string[];
  /** Set when the disk was full: nothing was changed, recovery runs again later (issue 14 item 3). */
  deferred?: boolean;
}

export async function recoverIngestion(deps: IngestDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = { resumed: [], interrupted: [], orphanDocumentsCleaned: 0, tempFilesRemoved: await removeStaleTempFiles(deps.filesDir) };
  const { repository } = deps;
  for (const job of repository.unfinishedJobs()) {
    const pending = repository.findById(job.documentId);
    if (pending && pending.status !== 'ingested') {
      await deps.vectors.deleteByDocument(pending.id);
      repository.delete(pending.id);
      const original = join(deps.filesDir, pending.sha256);
      if (existsSync(original)) {
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
