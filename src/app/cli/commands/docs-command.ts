import type { Command } from 'commander';
import { PropoError } from '../../../core/errors/index.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';

export function registerDocs(program: Command, ctx: CliContext): void {
  const docs = program.command('docs').description('List, show and remove ingested documents.');
  docs.command('list').description('List documents.').option('--json', 'print JSON').option('--query <text>', 'filter by file name')
    .option('--collection <name>', 'only the documents of this collection')
    .action(action(ctx, async (options: { json?: boolean; query?: string; collection?: string }) => {
      // Read-only: the catalogue alone, no providers, no recovery (decision 0131).
      const app = await ctx.catalogue();
      const members = options.collection ? new Set(app.collections.get(options.collection).documentIds) : null;
      const list = app.documents.list({ namespace: app.config.namespace, ...(options.query ? { query: options.query } : {}) })
        .filter((d) => !members || members.has(d.id));
      if (options.json) printJson({ documents: list.map(({ id, file, kind, pages, propositions, status, createdAt, updatedAt, bytes }) => ({ id, file, kind, pages, propositions, status, bytes, createdAt, updatedAt })) });
      else for (const d of list) process.stdout.write(`${d.id}  ${d.file}  ${d.pages} pages  ${d.propositions} propositions  ${d.updatedAt}\n`);
    }));
  docs.command('show').description('Show a document with its pages and propositions.').argument('<id>').option('--json', 'print JSON')
    .action(action(ctx, async (id: string, options: { json?: boolean }) => {
      const app = await ctx.open();
      const doc = app.documents.findById(id);
      if (!doc || doc.status !== 'ingested') throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${id}. Run \`bin/propo docs list\` to see ids.`);
      const pages = app.documents.pages(id);
      const propositions = app.documents.propositions(id).map(({ id: pid, page, start, end, text, paragraphId }) => ({ id: pid, page, start, end, text, paragraphId }));
      if (options.json) printJson({ id: doc.id, file: doc.file, pages, propositions });
      else {
        process.stdout.write(`${doc.file} (${doc.id}) — ${pages.length} pages, ${propositions.length} propositions\n`);
        for (const p of propositions.slice(0, 50)) process.stdout.write(`  [${doc.file}:${p.page}:${p.start}-${p.end}] ${p.text.replace(/\s+/g, ' ').slice(0, 120)}\n`);
        if (propositions.length > 50) process.stdout.write(`  … ${propositions.length - 50} more (use --json)\n`);
      }
    }));
  docs.command('rm').description('Remove a document and its vectors.').argument('<id>')
    .action(action(ctx, async (id: string) => {
      const app = await ctx.open();
      if (!app.documents.findById(id)) throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${id}. Run \`bin/propo docs list\` to see ids.`);
      await app.removeDocument(id);
      process.stdout.write(`removed ${id}\n`);
    }));
}
