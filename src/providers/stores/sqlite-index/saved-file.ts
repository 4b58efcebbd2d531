/**
 * Derived index files next to the database (the HNSW graph, ann-file.ts; the BM25 index, lexical-file.ts), with one
 * crash-safe protocol: each save writes a new data file named by the marks it covers and the writer's pid, makes it
 * durable, then atomically replaces a small JSON manifest that names it (temp file + fsync + rename + fsync of the
 * folder). A SIGKILL at any point leaves the old or the new manifest, each naming a complete file; data files that
 * no manifest names and whose writer is dead (killed saves) are removed by the next save.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isProcessRunning } from '../../../core/resilience/process-running.ts';

/** Fields every manifest has: the data file's name (in the manifest's folder), its size, and the marks it covers. */
export interface SavedManifest { file: string; bytes: number; watermark: number; goneMark: number }

let saves = 0;

/**
 * `<base name>.<watermark>-<goneMark>-<pid>-<time>-<save>.<ext>`: unique per writer and save (the time covers a pid
 * reused by a later process, as in containers), so no save rewrites the file a manifest names.
 */
export function savedFileName(base: string, marks: Pick<SavedManifest, 'watermark' | 'goneMark'>, ext: string): string {
  saves += 1;
  return `${basename(base)}.${marks.watermark}-${marks.goneMark}-${process.pid}-${Date.now()}-${saves}.${ext}`;
}

/** The manifest when it parses and its integer fields (the common ones and `integers`) are integers; null otherwise. */
export function readManifest<T extends SavedManifest>(base: string, integers: ReadonlyArray<keyof T> = []): T | null {
  try {
    const parsed = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Record<string, unknown>;
    const keys = ['bytes', 'watermark', 'goneMark', ...integers.map(String)];
    return typeof parsed.file === 'string' && basename(parsed.file) === parsed.file && keys.every((key) => Number.isInteger(parsed[key])) ? parsed as unknown as T : null;
  } catch {
    return null;
  }
}

/** Writes `chunks` to `path` and flushes them to disk before returning. */
export function writeDurably(path: string, chunks: readonly Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) for (let at = 0; at < chunk.byteLength;) at += writeSync(fd, chunk, at, chunk.byteLength - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a file written by someone else (usearch's `save`) to disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/**
 * Switches the manifest at `base` to `manifest` (whose data file is already durable), then removes the previous
 * manifest's file and files of `ext` left by dead writers.
 */
export function publishManifest<T extends SavedManifest>(base: string, manifest: T, ext: string, previous: SavedManifest | null): void {
  const temp = `${base}.json.${process.pid}.tmp`;
  try {
    writeDurably(temp, [Buffer.from(JSON.stringify(manifest))]);
    renameSync(temp, `${base}.json`);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(base));
  if (previous !== null && previous.file !== manifest.file) rmSync(join(dirname(base), previous.file), { force: true });
  sweepOrphans(base, ext, manifest.file);
}

/** Removes the manifest and its data file (a reindex dropping its table). */
export function removeSaved(base: string): void {
  const manifest = readManifest(base);
  if (manifest !== null) rmSync(join(dirname(base), manifest.file), { force: true });
  rmSync(`${base}.json`, { force: true });
}

/** Data files and manifest temp files of `base` whose writer process is gone, except `keep`. */
function sweepOrphans(base: string, ext: string, keep: string): void {
  const name = basename(base).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const pattern = new RegExp(`^(?:${name}\\.\\d+-\\d+-(\\d+)(?:-\\d+)*\\.${ext}|${name}\\.json\\.(\\d+)\\.tmp)$`, 'u');
  for (const entry of readdirSync(dirname(base))) {
    const match = pattern.exec(entry);
    if (match === null || entry === keep) continue;
    if (!isProcessRunning(Number(match[1] ?? match[2]))) rmSync(join(dirname(base), entry), { force: true });
  }
}

function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Creates the folder of `base`. */
export function ensureFolder(base: string): void {
  mkdirSync(dirname(base), { recursive: true });
}
