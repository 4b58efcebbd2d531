/** Retention: deletes `propo_*.tar.gz` archives older than `retentionDays` (by the time in their name), never the newest. */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveTime } from './backup-manifest.ts';

export async function listArchives(dir: string): Promise<Array<{ file: string; createdAt: Date }>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const createdAt = archiveTime(name);
    return createdAt === null ? [] : [{ file: join(dir, name), createdAt }];
  }).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function pruneBackups(dir: string, retentionDays: number, now = new Date()): Promise<string[]> {
  const archives = await listArchives(dir);
  const cutoff = now.getTime() - retentionDays * 24 * 3600 * 1000;
  const removed: string[] = [];
  for (const archive of archives.slice(0, -1)) {
    if (archive.createdAt.getTime() < cutoff) {
      await rm(archive.file, { force: true });
      removed.push(archive.file);
    }
  }
  return removed;
}
