import type { Command } from 'commander';
import { parseCitation } from '../../../core/answer/citation-marker.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';

export function registerCite(program: Command, ctx: CliContext): void {
  program.command('cite').description('Resolve a citation [file:page:start-end] to its exact text, paragraph and page.')
    .argument('<citation>').option('--json', 'print JSON')
    .action(action(ctx, async (marker: string, options: { json?: boolean }) => {
      const ref = parseCitation(marker.startsWith('[') ? marker : `[${marker}]`);
      if (!ref) throw new PropoError('PROPO_ERR_VALIDATION', `"${marker}" is not a citation. Expected [file:page:start-end].`);
      const app = await ctx.open();
      const doc = app.documents.list({ namespace: app.config.namespace }).find((d) => d.file === ref.file);
      const page = doc ? app.documents.page(doc.id, ref.page) : null;
      if (!doc || !page || ref.end > page.text.length) throw new PropoError('PROPO_ERR_NOT_FOUND', `No span ${marker} in the store.`);
      const text = page.text.slice(ref.start, ref.end);
      const paragraph = app.documents.paragraphs(doc.id).find((p) => p.page === ref.page && p.start <= ref.start && p.end >= ref.end) ?? null;
      const out = { file: ref.file, page: ref.page, start: ref.start, end: ref.end, documentId: doc.id, text, paragraph: paragraph?.text ?? null, pageText: page.text };
      if (options.json) printJson(out);
      else process.stdout.write(`${text}\n\n— paragraph —\n${paragraph?.text ?? '(none)'}\n`);
    }));
}
