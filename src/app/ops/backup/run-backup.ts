/**
 * One backup as operators run it: create the archive, verify it, apply retention, and write a
 * BACKUP event (or a failed one) to logs/security_audit.log.
 */
import type { PropoConfig } from '../../../core/config/index.ts';
import { secretValues } from '../../../core/config/index.ts';
import { toPropoError } from '../../../core/errors/index.ts';
import type { PropoMetrics } from '../../observability/index.ts';
import { createAuditLog } from '../../security/audit-log.ts';
import { createBackup, type BackupResult, type CreateBackupOptions } from './create-backup.ts';
import { pruneBackups } from './prune-backups.ts';
import { verifyBackup } from './verify-backup.ts';

export interface RunBackupResult extends BackupResult { verified: boolean; problems: string[]; pruned: string[] }

export async function runBackup(options: CreateBackupOptions & { config: PropoConfig; metrics?: PropoMetrics; trigger?: 'cli' | 'schedule' }): Promise<RunBackupResult> {
  const audit = createAuditLog({ logDir: options.config.logDir, secrets: secretValues(options.config), ...(options.metrics ? { metrics: options.metrics } : {}) });
  try {
    const result = await createBackup(options);
    const verification = await verifyBackup(result.archive, { workDir: options.config.backup.dir });
    const pruned = await pruneBackups(options.config.backup.dir, options.config.backup.retentionDays, options.now ?? new Date());
    audit.write({
      type: 'BACKUP', level: verification.ok ? 'INFO' : 'ERROR',
      details: { archive: result.archive, bytes: result.bytes, durationMs: result.durationMs, verified: verification.ok, problems: verification.problems, pruned: pruned.length, counts: result.manifest.counts, trigger: options.trigger ?? 'cli' },
    });
    return { ...result, verified: verification.ok, problems: verification.problems, pruned };
  } catch (error) {
    const failure = toPropoError(error, 'PROPO_ERR_BACKUP');
    audit.write({ type: 'BACKUP', level: 'ERROR', details: { code: failure.code, message: failure.message, trigger: options.trigger ?? 'cli' } });
    throw failure;
  }
}
