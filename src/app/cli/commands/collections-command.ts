import type { Command } from 'commander';
import { PropoError } from '../../../core/errors/index.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';

/** `bin/propo collections`: the same operations as /api/collections. */
export function registerCollections(program: Command, ctx: CliContext): void {
  const collections = program.command('collections').description('Group documents into collections; ask/chat/ingest/docs take --collection.');
  collections.command('list').description('List collections.').option('--json', 'print JSON')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const app = await ctx.open();
      const list = app.collections.list();
      if (options.json) printJson({ collections: list });
      else if (list.length === 0) process.stdout.write('No collections. Create one with `bin/propo collections create NAME`.\n');
      else for (const c of list) process.stdout.write(`${c.id}  ${c.name}  ${c.documentIds.length} documents${c.systemPrompt ? '  (system prompt)' : ''}\n`);
    }));
  collections.command('create').description('Create a collection.').argument('<name>').option('--system-prompt <text>', 'extra instructions for answers in this collection')
    .action(action(ctx, async (name: string, options: { systemPrompt?: string }) => {
      const app = await ctx.open();
      const created = app.collections.create({ name, systemPrompt: options.systemPrompt ?? null });
      process.stdout.write(`created ${created.id}  ${created.name}\n`);
    }));
  collections.command('set-prompt').description('Set (or with "" clear) a collection\'s system prompt.').argument('<collection>').argument('<text>')
    .action(action(ctx, async (key: string, text: string) => {
      const app = await ctx.open();
      const updated = app.collections.update(key, { systemPrompt: text });
      process.stdout.write(`${updated.name}: system prompt ${updated.systemPrompt ? 'set' : 'cleared'}\n`);
    }));
  collections.command('add').description('Add documents (ids) to a collection.').argument('<collection>').argument('<documentIds...>')
    .action(action(ctx, async (key: string, ids: string[]) => {
      const app = await ctx.open();
      for (const id of ids) if (!app.documents.findById(id)) throw new PropoError('PROPO_ERR_NOT_FOUND', `No document ${id}. Run \`bin/propo docs list\` to see ids.`);
      const updated = app.collections.addDocuments(key, ids);
      process.stdout.write(`${updated.name}: ${updated.documentIds.length} documents\n`);
    }));
  collections.command('remove').description('Remove documents (ids) from a collection; they stay in the library.').argument('<collection>').argument('<documentIds...>')
    .action(action(ctx, async (key: string, ids: string[]) => {
      const app = await ctx.open();
      const updated = app.collections.removeDocuments(key, ids);
      process.stdout.write(`${updated.name}: ${updated.documentIds.length} documents\n`);
    }));
  collections.command('rm').description('Delete a collection (its documents stay in the library).').argument('<collection>')
    .action(action(ctx, async (key: string) => {
      const app = await ctx.open();
      const found = app.collections.get(key);
      app.collections.remove(found.id);
      process.stdout.write(`deleted ${found.id}  ${found.name}\n`);
    }));
}
