/** `bin/propo export [--out file.jsonl]`: documents, pages, paragraphs, propositions and vectors as portable JSONL. */
import type { Command } from 'commander';
import { action, type CliContext } from '../cli-context.ts';

export function registerExport(program: Command, ctx: CliContext): void {
  program.command('export').description('Export the store as portable JSONL (default stdout).')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(action(ctx, async (options: { out?: string }) => {
      const app = await ctx.open();
      const { exportJsonlFile } = await import('../../ops/portable/export-jsonl.ts');
      const result = await exportJsonlFile(app, options.out ?? '-');
      process.stderr.write(`exported ${result.documents} documents, ${result.vectors} vectors (${result.lines} lines)\n`);
    }));
}
