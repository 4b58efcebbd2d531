/**
 * Scheduled backups while `serve` runs: every `backup.intervalHours` (0 = off) one `runBackup`,
 * never two at once. A failed run is logged and audited; the next one still happens. The backup code (archiver,
 * and the LanceDB/Pinecone snapshots it can take) is imported when a backup runs, not when `serve` starts
 * (issue 17, decision 0130).
 */
import type { PropoApp } from '../../compose.ts';
import type { RunBackupResult } from './run-backup.ts';

export interface BackupScheduler {
  /** Runs one backup now (the timer's own action). */
  runOnce(): Promise<RunBackupResult | null>;
  /** Stops the timer and waits for a running backup to finish. */
  stop(): Promise<void>;
}

export function startBackupScheduler(app: Pick<PropoApp, 'config' | 'logger' | 'metrics'>, options: { intervalMs?: number } = {}): BackupScheduler {
  const intervalMs = options.intervalMs ?? app.config.backup.intervalHours * 3600 * 1000;
  let running: Promise<RunBackupResult | null> | null = null;
  const runOnce = (): Promise<RunBackupResult | null> => {
    if (running) return running;
    running = import('./run-backup.ts')
      .then(({ runBackup }) => runBackup({ config: app.config, metrics: app.metrics, trigger: 'schedule' }))
      .then((result) => {
        app.logger.info({ event: 'backup', archive: result.archive, bytes: result.bytes, durationMs: result.durationMs, verified: result.verified }, 'scheduled backup written');
        return result;
      })
      .catch((error: unknown) => {
        app.logger.error({ event: 'backup', err: error }, 'scheduled backup failed');
        return null;
      })
      .finally(() => { running = null; });
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => { void runOnce(); }, intervalMs) : null;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
