/**
 * Watched folders (issue 16): keeps the documents of one folder in step with its files.
 *
 * Every change runs one `reconcile` of the whole folder (debounced): files that are new or changed
 * (size or mtime differ from the last pass) are ingested through `app.ingestMany`, the same path as
 * `bin/propo ingest`; documents whose `sourcePath` lies in the folder and whose bytes no file there
 * holds any more are removed. A rename keeps the same bytes, so it keeps the same document id
 * (content hash) and only its `sourcePath` moves. The start-up pass is the same reconcile, so a
 * restart picks up whatever happened while the watcher was down. Dotfolders (`.obsidian`, `.git`),
 * dotfiles, editor swap and temp files are ignored.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { ACCEPTED_EXTENSIONS, IMAGE_EXTENSIONS } from '../../core/ingest/detect-type.ts';
import type { IngestInput, IngestResult } from '../../core/ingest/ingest-file.ts';
import { PropoError } from '../../core/errors/index.ts';
import type { PropoApp } from '../compose.ts';

/**
 * Images are not watched: a vault's attachments are mostly screenshots and photos, and OCR costs ~2 s
 * of CPU each. Scanned PDFs in the folder are still OCR'd (ingest.ocr, default auto).
 */
const ACCEPTED = new Set(ACCEPTED_EXTENSIONS.filter((extension) => !IMAGE_EXTENSIONS.includes(extension)));
/** Editor swap/backup/partial-download names (vim, emacs, Office lock files, browsers, rsync). */
const TEMP_NAME = /(^~\$)|(^#.*#$)|(~$)|(\.(swp|swo|swx|tmp|temp|part|crdownload|download|bak)$)/i;

export interface WatchEvent {
  kind: 'ingested' | 'unchanged' | 'renamed' | 'removed' | 'failed' | 'scan';
  path: string;
  id?: string;
  detail?: string;
  error?: { code: string; message: string };
}

export interface FolderWatcherOptions {
  /** Add every document of the folder to this collection (created if needed). */
  collection?: string;
  /** Quiet time after the last file event before a pass runs (default 1000 ms). */
  debounceMs?: number;
  /** Use polling (network shares, some containers). */
  usePolling?: boolean;
  onEvent?: (event: WatchEvent) => void;
}

/** True for paths (relative to the watched folder) that are never ingested. */
export function isIgnoredPath(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  if (parts.some((part) => part.startsWith('.') && part !== '.')) return true;
  const name = parts.at(-1) ?? '';
  return TEMP_NAME.test(name);
}

/** True when a file path has an accepted type and is not ignored. */
export function isWatchedFile(root: string, path: string): boolean {
  return ACCEPTED.has(extname(path).toLowerCase()) && !isIgnoredPath(relative(root, path));
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isWatchedFile(root, full)) out.push(full);
    }
  };
  await walk(root);
  return out.sort();
}

/** What the Settings tab shows per folder. */
export interface WatchStatus {
  folder: string;
  state: 'starting' | 'watching' | 'error' | 'stopped';
  /** ISO time the last pass ended, or null before the first. */
  lastPassAt: string | null;
  /** Accepted files found by the last pass. */
  files: number;
  /** Documents the folder holds after the last pass. */
  documents: number;
  /** Files that failed in the last pass (with their errors, at most 20). */
  errors: Array<{ path: string; code: string; message: string }>;
  /** Why the folder itself cannot be watched (missing, unreadable), or null. */
  problem: string | null;
}

export class FolderWatcher {
  readonly root: string;
  private current: WatchStatus;
  private readonly seen = new Map<string, { size: number; mtimeMs: number; id: string; error?: { code: string; message: string } }>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly app: PropoApp, dir: string, private readonly options: FolderWatcherOptions = {}) {
    this.root = resolve(dir);
    this.current = { folder: this.root, state: 'starting', lastPassAt: null, files: 0, documents: 0, errors: [], problem: null };
  }

  /** The folder's state, last pass and errors (a copy). */
  status(): WatchStatus {
    return { ...this.current, errors: [...this.current.errors] };
  }

  /** Throws a typed error unless the folder exists (an unmounted vault must not look empty). */
  async check(): Promise<void> {
    const info = await stat(this.root).catch(() => null);
    if (!info?.isDirectory()) throw new PropoError('PROPO_ERR_VALIDATION', `Cannot watch ${this.root}: it is not a folder. Pass an existing folder, e.g. your Obsidian vault.`);
  }

  /** Checks the folder and runs one pass (the start-up pass, or `--once`). */
  async runOnce(): Promise<void> {
    await this.check();
    await this.reconcile();
  }

  /** Checks the folder, runs the start-up pass, then watches. */
  async start(): Promise<void> {
    await this.runOnce();
    this.watcher = watch(this.root, {
      ignoreInitial: true,
      ignored: (path: string) => path !== this.root && isIgnoredPath(relative(this.root, path)),
      ...(this.options.usePolling ? { usePolling: true, interval: 500 } : {}),
    });
    this.watcher.on('all', () => this.schedule());
    this.watcher.on('error', (error) => this.emit({ kind: 'failed', path: this.root, error: { code: 'PROPO_ERR_INTERNAL', message: `File watcher: ${String(error)}` } }));
    await new Promise<void>((done) => this.watcher?.once('ready', () => done()));
    if (this.current.problem === null) this.current.state = 'watching';
    // Anything that changed between the first pass and the watcher being ready.
    this.schedule();
  }

  /** Waits for the pass in progress (if any), then stops watching. */
  async close(): Promise<void> {
    this.closed = true;
    this.current.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
  }

  /** Resolves once no pass is running or scheduled (tests and `--once`). */
  async idle(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((r) => setTimeout(r, 50)));
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reconcile();
    }, this.options.debounceMs ?? 1000);
  }

  private emit(event: WatchEvent): void {
    this.options.onEvent?.(event);
  }

  /** One pass over the folder; passes never overlap (a change during a pass runs another). */
  reconcile(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch((error: unknown) => {
          this.current = { ...this.current, state: this.closed ? 'stopped' : 'error', problem: (error as Error).message, lastPassAt: new Date().toISOString() };
          this.emit({ kind: 'failed', path: this.root, error: { code: (error as PropoError).code ?? 'PROPO_ERR_INTERNAL', message: (error as Error).message } });
        });
      } while (this.again && !this.closed);
    })().finally(() => { this.running = null; });
    return this.running;
  }

  private async pass(): Promise<void> {
    // A folder that vanished (unmounted drive, deleted vault) removes nothing; the next pass retries.
    await this.check();
    const files = await listFiles(this.root);
    const present = new Set(files);
    for (const path of [...this.seen.keys()]) if (!present.has(path)) this.seen.delete(path);
    const liveIds = new Set<string>();
    const changed: Array<{ path: string; size: number; mtimeMs: number }> = [];
    for (const path of files) {
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      const known = this.seen.get(path);
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) { if (known.id !== '') liveIds.add(known.id); }
      else changed.push({ path, size: info.size, mtimeMs: info.mtimeMs });
    }
    const app = this.app;
    const errors: WatchStatus['errors'] = [];
    // Files that failed before and did not change keep their error in the status.
    const retried = new Set(changed.map((c) => c.path));
    for (const [path, known] of this.seen) if (known.id === '' && present.has(path) && !retried.has(path) && known.error) errors.push({ path: relative(this.root, path), ...known.error });
    if (changed.length > 0) {
      const inputs = changed.map(({ path }) => async (): Promise<IngestInput | IngestResult> => {
        const name = path.split(sep).pop() ?? path;
        const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => error);
        if (bytes instanceof Error) return { id: '', file: name, status: 'failed', pages: 0, propositions: 0, error: { code: 'PROPO_ERR_NOT_FOUND', message: `Cannot read ${path}: ${bytes.code ?? bytes.message}.` } };
        return { fileName: name, bytes: new Uint8Array(bytes), sourcePath: path };
      });
      const results = await app.ingestMany(inputs);
      results.forEach((result, i) => {
        const { path, size, mtimeMs } = changed[i] as { path: string; size: number; mtimeMs: number };
        const rel = relative(this.root, path);
        if (result.status === 'failed' || !result.id) {
          // Failed files are retried when they change again (their size/mtime are remembered).
          const error = result.error ?? { code: 'PROPO_ERR_INTERNAL', message: 'failed' };
          this.seen.set(path, { size, mtimeMs, id: '', error });
          errors.push({ path: rel, ...error });
          this.emit({ kind: 'failed', path: rel, ...(result.error ? { error: result.error } : {}) });
          return;
        }
        this.seen.set(path, { size, mtimeMs, id: result.id });
        liveIds.add(result.id);
        const stored = app.documents.findById(result.id);
        if (result.status === 'unchanged' && stored && stored.sourcePath !== path) {
          const was = stored.sourcePath;
          app.documents.setSourcePath(result.id, path);
          this.emit({ kind: was && !present.has(was) ? 'renamed' : 'unchanged', path: rel, id: result.id, ...(was ? { detail: `from ${relative(this.root, was)}` } : {}) });
        } else {
          this.emit({ kind: result.status, path: rel, id: result.id, detail: `${result.pages} pages, ${result.propositions} propositions${result.replaced ? `, replaced ${result.replaced}` : ''}` });
        }
      });
    }
    // Documents that came from this folder and whose bytes no file here holds any more.
    const inside = (p: string | null | undefined) => Boolean(p && (p === this.root || p.startsWith(this.root + sep)));
    for (const doc of app.documents.list({ namespace: app.config.namespace })) {
      if (!inside(doc.sourcePath) || liveIds.has(doc.id)) continue;
      if (doc.sourcePath && present.has(doc.sourcePath)) continue; // still there (failed to re-read this pass)
      await app.removeDocument(doc.id);
      this.emit({ kind: 'removed', path: relative(this.root, doc.sourcePath ?? ''), id: doc.id });
    }
    if (this.options.collection && liveIds.size > 0) {
      const name = this.options.collection;
      const collection = app.collections.find(name) ?? app.collections.create({ name });
      const members = new Set(collection.documentIds);
      const added = [...liveIds].filter((id) => !members.has(id));
      if (added.length > 0) app.collections.addDocuments(collection.id, added);
    }
    this.current = {
      ...this.current, state: this.closed ? 'stopped' : this.watcher ? 'watching' : this.current.state, problem: null,
      lastPassAt: new Date().toISOString(), files: files.length, documents: liveIds.size, errors: errors.slice(0, 20),
    };
    this.emit({ kind: 'scan', path: '.', detail: `${files.length} file(s), ${liveIds.size} document(s)` });
  }
}
