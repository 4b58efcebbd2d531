/** The manifest inside every backup archive, archive naming, and file checksums. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DataCounts, LanceTableInfo } from './inspect-data-dir.ts';

export const BACKUP_FORMAT = 'propo-backup/1';
export const MANIFEST_FILE = 'manifest.json';

export interface BackupFileEntry { path: string; bytes: number; sha256: string }

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  versions: { propo: string; node: string; lancedb: string; betterSqlite3: string };
  namespace: string;
  embedder: { name: string; dimensions: number } | null;
  counts: DataCounts & { vectors: number };
  lance: LanceTableInfo[];
  sqliteIntegrity: string;
  /** Every file of the archive except manifest.json, sorted by path. */
  files: BackupFileEntry[];
}

/** `propo_<UTC YYYYMMDD_HHMMSS>.tar.gz` */
export function archiveName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `propo_${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}_${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}.tar.gz`;
}

/** Creation time encoded in an archive name, or null for other files. */
export function archiveTime(fileName: string): Date | null {
  const m = /^propo_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\.tar\.gz$/.exec(fileName);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checksums of every file below `root` (paths relative, `/`-separated, sorted), except the manifest. */
export async function checksumTree(root: string): Promise<BackupFileEntry[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: BackupFileEntry[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(root, full).split('\\').join('/');
    if (path === MANIFEST_FILE) continue;
    const { size } = await stat(full);
    files.push({ path, bytes: size, sha256: await sha256File(full) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
