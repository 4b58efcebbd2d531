import type { Command } from 'commander';
import { PropoError } from '../../../core/errors/index.ts';
import type { VectorProvider } from '../../migrate.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';

/** `propo migrate --to sqlite|lancedb|pinecone [--json]`: copy, verify, then switch; Ctrl-C stops cleanly and a rerun resumes. */
export function registerMigrate(program: Command, ctx: CliContext): void {
  program.command('migrate').description('Copy the vector index to another store, verify it, then switch to it (resumable).')
    .requiredOption('--to <provider>', 'target store: sqlite, lancedb or pinecone')
    .option('--batch-size <n>', 'records per batch', (value) => Number.parseInt(value, 10), 100)
    .option('--json', 'print JSON')
    .action(action(ctx, async (options: { to: string; batchSize: number; json?: boolean }) => {
      const { VECTOR_PROVIDERS, migrate } = await import('../../migrate.ts');
      if (!(VECTOR_PROVIDERS as readonly string[]).includes(options.to)) {
        throw new PropoError('PROPO_ERR_VALIDATION', `--to must be sqlite, lancedb or pinecone, not "${options.to}".`);
      }
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      const tty = process.stderr.isTTY && !options.json;
      try {
        const report = await migrate(ctx.config(), options.to as VectorProvider, {
          batchSize: options.batchSize, signal: controller.signal,
          onProgress: ({ phase, done, total }) => { if (tty) process.stderr.write(`\r\x1b[2K${phase} ${done}/${total}`); },
        });
        if (tty) process.stderr.write('\n');
        if (options.json) printJson(report);
        else process.stdout.write(`migrated ${report.records} records ${report.from} → ${report.to} (${report.skippedBatches} batches resumed, ${report.sampled} verified) in ${report.seconds.toFixed(1)} s; active store is now ${report.to}\n`);
      } finally {
        process.off('SIGINT', stop);
      }
    }));
}
