/** `bin/propo restore <archive> [--force] [--json]`: verify, then replace the data dir (stop Propo first). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { toPropoError } from '../../../core/errors/index.ts';
import { action, loadConfigModule, printJson, type CliContext } from '../cli-context.ts';

export function registerRestore(program: Command, ctx: CliContext): void {
  program.command('restore')
    .description('Restore a backup archive into the data dir. Refuses a non-empty data dir unless --force. Stop the servers using the data dir first.')
    .argument('<archive>')
    .option('--force', 'replace a non-empty data dir')
    .option('--json', 'print one JSON object')
    .action(action(ctx, async (archive: string, options: { force?: boolean; json?: boolean }) => {
      const config = ctx.config();
      const { createAuditLog } = await import('../../security/audit-log.ts');
      const audit = createAuditLog({ logDir: config.logDir, secrets: (await loadConfigModule()).secretValues(config) });
      try {
        const [{ restoreBackup }, { restorePineconeIfPresent }] = await Promise.all([import('../../ops/backup/restore-backup.ts'), import('../../ops/backup/pinecone-step.ts')]);
        const result = await restoreBackup({ archive: resolve(archive), dataDir: config.dataDir, force: options.force ?? false });
        const pineconeVectors = await restorePineconeIfPresent(config, result.dataDir);
        if (pineconeVectors !== null && !options.json) process.stdout.write(`re-upserted ${pineconeVectors} vectors into Pinecone\n`);
        audit.write({ type: 'RESTORE', details: { archive: resolve(archive), dataDir: result.dataDir, durationMs: result.durationMs, counts: result.manifest.counts, createdAt: result.manifest.createdAt } });
        if (options.json) printJson({ dataDir: result.dataDir, durationMs: result.durationMs, counts: result.manifest.counts, backupCreatedAt: result.manifest.createdAt });
        else process.stdout.write(`restored ${archive} (${result.manifest.createdAt}) into ${result.dataDir} in ${result.durationMs} ms: ${result.manifest.counts.documents} documents, ${result.manifest.counts.vectors} vectors\n`);
      } catch (error) {
        const failure = toPropoError(error);
        audit.write({ type: 'RESTORE', level: 'ERROR', details: { archive: resolve(archive), code: failure.code, message: failure.message } });
        throw failure;
      }
    }));
}
