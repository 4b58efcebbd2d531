import type { Command } from 'commander';
import { reindex } from '../../reindex.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';
import { modelDownloadReporter } from '../model-download-bar.ts';

export function registerReindex(program: Command, ctx: CliContext): void {
  program.command('reindex').description('Rebuild vectors with the configured embedder into a new table; switch over only when complete.')
    .option('--json', 'print JSON')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const report = await reindex(ctx.config(), (done, total) => {
        if (process.stderr.isTTY && !options.json) process.stderr.write(`\r\x1b[2Kreindex ${done}/${total}`);
      }, modelDownloadReporter());
      if (process.stderr.isTTY && !options.json) process.stderr.write('\n');
      if (options.json) printJson(report);
      else process.stdout.write(`reindexed ${report.records} records with ${report.embedder} into ${report.table} in ${report.seconds.toFixed(1)} s\n`);
    }));
}
