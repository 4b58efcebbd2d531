import type { Command } from 'commander';
import { action, printJson, type CliContext } from '../cli-context.ts';

export function registerCite(program: Command, ctx: CliContext): void {
  program.command('cite').description('Resolve a citation [file:page:start-end] to its exact text, paragraph and page.')
    .argument('<citation>').option('--json', 'print JSON')
    .action(action(ctx, async (marker: string, options: { json?: boolean }) => {
      const app = await ctx.open();
      const { resolveCitation } = await import('../../http/citations/resolve-citation.ts');
      const span = resolveCitation(app.documents, app.config.namespace, marker.startsWith('[') ? marker : `[${marker}]`);
      if (options.json) printJson(span);
      else process.stdout.write(`${span.text}\n\n— paragraph —\n${span.paragraph?.text ?? '(none)'}\n`);
    }));
}
