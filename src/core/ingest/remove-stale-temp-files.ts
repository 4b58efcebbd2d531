/**
 * Issue 14 item 14: a kill while an original is copied leaves `data/files/<sha>.<pid>.tmp`.
 * Recovery removes those whose writer is gone (its pid no longer runs); a live writer's file
 * (another process ingesting now) is left alone. Backups skip `.tmp` files (create-backup.ts).
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessRunning } from '../resilience/process-running.ts';

const TEMP_FILE = /^[^/]+\.(\d+)\.tmp$/;

export function isTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

/** Removes temp files of writers that are no longer running; returns their names. */
export async function removeStaleTempFiles(filesDir: string): Promise<string[]> {
  if (!existsSync(filesDir)) return [];
  const removed: string[] = [];
  for (const name of await readdir(filesDir)) {
    const pid = TEMP_FILE.exec(name)?.[1];
    if (pid === undefined || isProcessRunning(Number(pid))) continue;
    await rm(join(filesDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
