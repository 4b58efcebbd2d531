/**
 * The watched folders of a running server (watch.folders): one FolderWatcher per folder, kept in
 * step with the list when the Settings tab changes it (`sync`, applied live: no restart needed),
 * and their status for the UI. A folder that cannot be watched is shown with its problem and
 * retried on the next sync; it never stops the others.
 */
import { resolve } from 'node:path';
import type { PropoApp } from '../compose.ts';
import { FolderWatcher, type WatchStatus } from './folder-watcher.ts';

export class WatchManager {
  private readonly watchers = new Map<string, { watcher: FolderWatcher; started: Promise<void> }>();
  private closed = false;

  constructor(private readonly app: PropoApp) {}

  /** Starts watchers for new folders and stops those no longer listed; resolves when their start-up passes end. */
  async sync(folders: readonly string[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Set(folders.map((folder) => resolve(folder)));
    const stopping = [...this.watchers].filter(([root]) => !wanted.has(root)).map(async ([root, entry]) => {
      this.watchers.delete(root);
      await entry.started;
      await entry.watcher.close();
    });
    const starting: Array<Promise<void>> = [];
    for (const root of wanted) {
      const existing = this.watchers.get(root);
      if (existing && existing.watcher.status().state !== 'error') continue;
      if (existing) await existing.watcher.close();
      const app = this.app;
      const watcher = new FolderWatcher(app, root, {
        debounceMs: app.config.watch.debounceMs,
        onEvent: (event) => {
          if (event.kind === 'failed') app.logger.warn({ event: 'watch', kind: event.kind, path: event.path, error: event.error?.code }, event.error?.message ?? 'watch failed');
          else if (event.kind !== 'unchanged' && event.kind !== 'scan') app.logger.info({ event: 'watch', kind: event.kind, path: event.path, id: event.id }, 'watch');
        },
      });
      const started = watcher.start().catch((error: unknown) => app.logger.warn({ event: 'watch', dir: root }, (error as Error).message));
      this.watchers.set(root, { watcher, started });
      starting.push(started);
    }
    await Promise.all([...stopping, ...starting]);
  }

  /** One entry per watched folder, in the order they were added. */
  status(): WatchStatus[] {
    return [...this.watchers.values()].map((entry) => entry.watcher.status());
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map(async (entry) => { await entry.started; await entry.watcher.close(); }));
  }
}

const managers = new WeakMap<PropoApp, WatchManager>();

/** The app's watch manager (one per app; `startServer` syncs it with watch.folders). */
export function watchManagerFor(app: PropoApp): WatchManager {
  let manager = managers.get(app);
  if (!manager) {
    manager = new WatchManager(app);
    managers.set(app, manager);
  }
  return manager;
}
