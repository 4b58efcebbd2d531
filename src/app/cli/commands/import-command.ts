/** `bin/propo import <file>`: reads a `bin/propo export` file into an empty store (same ids and vectors). */
import type { Command } from 'commander';
import { action, printJson, type CliContext } from '../cli-context.ts';

export function registerImport(program: Command, ctx: CliContext): void {
  program.command('import').description('Import a JSONL export into an empty store.')
    .argument('<file>')
    .option('--json', 'print one JSON object')
    .action(action(ctx, async (file: string, options: { json?: boolean }) => {
      const app = await ctx.open();
      const [{ importJsonlFile }, { withWriterLock }] = await Promise.all([import('../../ops/portable/import-jsonl.ts'), import('../../ops/writer-lock.ts')]);
      const result = await withWriterLock(app.config.dataDir, { purpose: 'import', wait: 30_000 }, () => importJsonlFile(app, file));
      if (options.json) printJson(result);
      else process.stdout.write(`imported ${result.documents} documents, ${result.vectors} vectors\n`);
    }));
}
