import type { Command } from 'commander';
import type { WatchEvent } from '../../watch/folder-watcher.ts';
import { action, type CliContext } from '../cli-context.ts';

function line(event: WatchEvent): string {
  const what = event.error ? ` — ${event.error.code}: ${event.error.message}` : event.detail ? ` (${event.detail})` : '';
  return `${event.kind.padEnd(9)} ${event.path}${what}\n`;
}

export function registerWatch(program: Command, ctx: CliContext): void {
  program.command('watch')
    .description('Keep a folder (e.g. an Obsidian vault) ingested: new and changed files are ingested, deleted ones removed, renames keep their document. Rescans on start. Ctrl-C stops.')
    .argument('<dir>', 'folder to watch (recursively; dotfolders such as .obsidian and temp/swap files are ignored)')
    .option('--collection <name>', 'add the folder\'s documents to this collection, creating it if needed')
    .option('--debounce <ms>', 'quiet time after the last change before a pass runs', '1000')
    .option('--poll', 'poll for changes (network shares, some containers)')
    .option('--once', 'run the start-up pass (ingest new/changed, remove gone) and exit')
    .option('--json', 'print one JSON object per event')
    .action(action(ctx, async (dir: string, options: { collection?: string; debounce: string; poll?: boolean; once?: boolean; json?: boolean }) => {
      const app = await ctx.open();
      // Loaded here, not at the top: every command registers this file, only `watch` needs chokidar.
      const { FolderWatcher } = await import('../../watch/folder-watcher.ts');
      const debounceMs = Math.max(0, Number.parseInt(options.debounce, 10) || 0);
      let failed = false;
      let passes = 0;
      let changed = false;
      const watcher = new FolderWatcher(app, dir, {
        debounceMs, ...(options.collection ? { collection: options.collection } : {}), ...(options.poll ? { usePolling: true } : {}),
        onEvent: (event) => {
          if (event.kind === 'failed') failed = true;
          // Quiet lines stay quiet: unchanged files, and passes after the first that changed nothing.
          if (!options.json && (event.kind === 'unchanged' || (event.kind === 'scan' && passes++ > 0 && !changed))) { changed = false; return; }
          if (event.kind === 'scan') changed = false;
          else if (event.kind !== 'unchanged') changed = true;
          process.stdout.write(options.json ? `${JSON.stringify(event)}\n` : line(event));
        },
      });
      if (options.once) {
        await watcher.runOnce();
        return failed ? 2 : 0;
      }
      // Handlers first: a signal during the start-up pass stops cleanly once that pass is written.
      const stopped = new Promise<void>((done) => {
        process.once('SIGTERM', () => done());
        process.once('SIGINT', () => done());
      });
      await watcher.start();
      if (!options.json) process.stderr.write(`watching ${watcher.root} (Ctrl-C to stop)\n`);
      await stopped;
      await watcher.close();
      return 0;
    }));
}
