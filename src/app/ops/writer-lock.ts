/**
 * The single-writer lock of an embedded data dir (docs/decisions/0005-single-writer.md).
 * `<dataDir>/writer.lock` is created with O_EXCL and holds the owner's pid, its process start
 * time and what it is doing. Readers never take it. A lock whose pid is dead — or alive but
 * started at another time (pid reused) — is stale and is taken over, under a short-lived
 * takeover file so two processes cannot both break the same stale lock.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PropoError } from '../../core/errors/index.ts';

export const WRITER_LOCK_FILE = 'writer.lock';

export interface WriterLockInfo {
  pid: number;
  /** Kernel start time of the process (clock ticks since boot), null where /proc is missing. */
  processStart: string | null;
  host: string;
  purpose: string;
  acquiredAt: string;
  token: string;
}

export interface WriterLockOptions {
  /** How long to wait for another writer to finish, in ms; default 0 (fail at once). */
  wait?: number;
  /** What the holder is doing, shown to whoever waits (ingest, delete, restore ...). */
  purpose?: string;
  /** Poll interval while waiting; default 100 ms. */
  pollMs?: number;
}

export interface WriterLock {
  readonly file: string;
  readonly info: WriterLockInfo;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

/** Start time of `pid` from /proc/<pid>/stat (field 22), or null when unavailable. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder described by `info` is gone (dead pid, or pid reused by another process). */
export function isStale(info: WriterLockInfo): boolean {
  if (info.host !== hostname()) return false;
  if (!isAlive(info.pid)) return true;
  const start = processStartTime(info.pid);
  return info.processStart !== null && start !== null && start !== info.processStart;
}

export function readWriterLock(dataDir: string): WriterLockInfo | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, WRITER_LOCK_FILE), 'utf8')) as WriterLockInfo;
  } catch {
    return null;
  }
}

function tryCreate(file: string, info: WriterLockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new PropoError('PROPO_ERR_STORE_UNAVAILABLE', `Cannot create the writer lock ${file}: ${(error as Error).message}. Check that the data directory is writable.`, { cause: error });
  }
  try {
    writeSync(fd, JSON.stringify(info));
    fsyncSync(fd);
  } catch (error) {
    // A lock that could not be written (a full disk) is removed, or every writer would wait on it.
    closeSync(fd);
    try { unlinkSync(file); } catch { /* already gone */ }
    throw error;
  }
  closeSync(fd);
  return true;
}

/** Breaks `file` if it is (still) stale; returns true when it was removed. */
function breakStale(file: string): boolean {
  const takeover = `${file}.takeover`;
  try {
    // A takeover file left by a process killed mid-takeover is itself stale after 10 s.
    if (Date.now() - statSync(takeover).mtimeMs > 10_000) unlinkSync(takeover);
  } catch { /* none */ }
  let fd: number;
  try {
    fd = openSync(takeover, 'wx');
  } catch {
    return false;
  }
  try {
    let current: WriterLockInfo | null = null;
    let age = 0;
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as WriterLockInfo;
    } catch {
      try { age = Date.now() - statSync(file).mtimeMs; } catch { return true; }
    }
    // An unreadable lock is a writer caught between create and write, unless it is old.
    const stale = current === null ? age > 5_000 : isStale(current);
    if (stale) unlinkSync(file);
    return stale;
  } finally {
    closeSync(fd);
    unlinkSync(takeover);
  }
}

/**
 * Takes the writer lock of `dataDir`, waiting up to `options.wait` ms for another writer.
 * Throws PROPO_ERR_CONFLICT naming the holder when it cannot. Not re-entrant: one holder per
 * write operation, also within one process.
 */
export async function acquireWriterLock(dataDir: string, options: WriterLockOptions = {}): Promise<WriterLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, WRITER_LOCK_FILE);
  const info: WriterLockInfo = {
    pid: process.pid, processStart: processStartTime(process.pid), host: hostname(),
    purpose: options.purpose ?? 'write', acquiredAt: new Date().toISOString(), token: randomUUID(),
  };
  const deadline = Date.now() + Math.max(0, options.wait ?? 0);
  for (;;) {
    if (tryCreate(file, info)) break;
    if (breakStale(file)) continue;
    if (Date.now() >= deadline) {
      const holder = readWriterLock(dataDir);
      const who = holder ? `pid ${holder.pid} on ${holder.host} (${holder.purpose}, since ${holder.acquiredAt})` : 'another process';
      throw new PropoError('PROPO_ERR_CONFLICT',
        `Another Propo process is writing to ${dataDir}: ${who}. Wait for it to finish and retry; a lock left by a dead process is taken over automatically.`,
        { details: { holder } });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
  let released = false;
  return {
    file,
    info,
    release() {
      if (released) return;
      released = true;
      if (readWriterLock(dataDir)?.token === info.token) unlinkSync(file);
    },
  };
}

/** Runs `work` holding the writer lock. */
export async function withWriterLock<T>(dataDir: string, options: WriterLockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireWriterLock(dataDir, options);
  try {
    return await work();
  } finally {
    lock.release();
  }
}
