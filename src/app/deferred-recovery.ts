/**
 * Crash recovery that survives a full disk (issue 14 item 3): when recovery cannot write, the app
 * starts anyway and serves reads; recovery is retried every `retryMs` until it succeeds, so it
 * completes by itself once space returns. /health reports the deferral as degraded.
 */
import { isDiskFullError } from '../core/errors/index.ts';
import type { RecoveryReport } from '../core/ingest/recover-ingestion.ts';

export interface DeferredRecoveryLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

export interface DeferredRecovery {
  recover(): Promise<RecoveryReport>;
  /** Null when recovery is done; otherwise since when it waits for disk space. */
  deferredSince(): Date | null;
  close(): void;
}

export function createDeferredRecovery(run: () => Promise<RecoveryReport>, options: { retryMs: number; logger: DeferredRecoveryLogger }): DeferredRecovery {
  let since: Date | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const schedule = () => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void recover().catch((error: unknown) => options.logger.warn({ event: 'recovery-failed', error: (error as Error).message }, 'deferred recovery failed'));
    }, options.retryMs);
    timer.unref();
  };
  const recover = async (): Promise<RecoveryReport> => {
    try {
      const report = await run();
      if (since) options.logger.info({ event: 'recovery-resumed', deferredSince: since.toISOString() }, 'disk space is back: recovery completed');
      since = null;
      return report;
    } catch (error) {
      if (!isDiskFullError(error)) throw error;
      since ??= new Date();
      options.logger.warn({ event: 'recovery-deferred', error: (error as Error).message, retryMs: options.retryMs }, 'disk full: crash recovery deferred, serving reads');
      schedule();
      return { resumed: [], interrupted: [], orphanDocumentsCleaned: 0, tempFilesRemoved: [], deferred: true };
    }
  };
  return {
    recover,
    deferredSince: () => since,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
