/** `bin/propo backup [--json]` and `bin/propo backup verify <archive> [--json]`. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { action, loadConfigModule, printJson, type CliContext, type GlobalOptions } from '../cli-context.ts';

export function registerBackup(program: Command, ctx: CliContext): void {
  const backup = program.command('backup')
    .description('Write backups/propo_<UTC time>.tar.gz (SQLite, LanceDB, originals, config, logs, manifest), verify it and apply retention. Safe while Propo runs.')
    .option('--json', 'print one JSON object')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const config = ctx.config();
      const global = program.opts<GlobalOptions>();
      const { configFile } = (await loadConfigModule()).loadConfig({ ...(global.config ? { configPath: global.config } : {}) });
      const envFile = resolve('.env');
      const { runBackup } = await import('../../ops/backup/run-backup.ts');
      const result = await runBackup({ config, configFile, envFile: existsSync(envFile) ? envFile : null });
      const summary = { archive: result.archive, bytes: result.bytes, durationMs: result.durationMs, verified: result.verified, problems: result.problems, pruned: result.pruned, counts: result.manifest.counts, embedder: result.manifest.embedder };
      if (options.json) printJson(summary);
      else process.stdout.write(`${result.archive}  ${(result.bytes / 1e6).toFixed(2)} MB  ${result.durationMs} ms  ${result.manifest.counts.documents} documents, ${result.manifest.counts.vectors} vectors  ${result.verified ? 'verified' : `VERIFY FAILED: ${result.problems.join('; ')}`}${result.pruned.length ? `  (${result.pruned.length} old archives removed)` : ''}\n`);
      return result.verified ? 0 : 3;
    }));
  backup.command('verify').description('Check an archive: checksums, that SQLite and LanceDB open, counts match the manifest. Exit 0 ok, 3 bad.')
    .argument('<archive>')
    .option('--json', 'print one JSON object')
    .action(action(ctx, async (archive: string, options: { json?: boolean }) => {
      const { verifyBackup } = await import('../../ops/backup/verify-backup.ts');
      const result = await verifyBackup(resolve(archive));
      if (options.json) printJson({ archive: resolve(archive), ok: result.ok, problems: result.problems, counts: result.manifest?.counts ?? null, createdAt: result.manifest?.createdAt ?? null });
      else process.stdout.write(result.ok ? `ok  ${archive}  ${result.manifest?.counts.documents} documents, ${result.manifest?.counts.vectors} vectors\n` : `BAD ${archive}\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
      return result.ok ? 0 : 3;
    }));
}
