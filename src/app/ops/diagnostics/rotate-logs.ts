/**
 * `bin/propo ops rotate-logs`: rotates app.log and security_audit.log in the log dir when larger
 * than `maxBytes` or older than `maxAgeDays`: `<log>` → `<log>.<UTC time>.gz`, keeping the newest
 * `keep` rotations per log. Copy-then-truncate, so a running Propo keeps appending to the same file.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { readdir, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export const ROTATED_LOGS = ['app.log', 'security_audit.log'];

export interface RotationResult { log: string; rotatedTo: string | null; removed: string[] }

export async function rotateLogs(logDir: string, options: { maxBytes?: number; maxAgeDays?: number; keep?: number; force?: boolean; now?: Date } = {}): Promise<RotationResult[]> {
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  const maxAgeMs = (options.maxAgeDays ?? 7) * 24 * 3600 * 1000;
  const keep = Math.max(1, options.keep ?? 10);
  const now = options.now ?? new Date();
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const results: RotationResult[] = [];
  for (const log of ROTATED_LOGS) {
    const file = join(logDir, log);
    let rotatedTo: string | null = null;
    if (existsSync(file)) {
      const info = await stat(file);
      const due = info.size > 0 && (options.force || info.size >= maxBytes || now.getTime() - info.birthtimeMs >= maxAgeMs);
      if (due) {
        rotatedTo = `${file}.${stamp}.gz`;
        await pipeline(createReadStream(file, { end: info.size - 1 }), createGzip(), createWriteStream(rotatedTo, { mode: 0o640 }));
        // Lines appended after the copy started are lost only if written in this instant; truncate to 0 keeps the inode.
        await truncate(file, 0);
      }
    }
    const rotated = (await readdir(logDir).catch(() => [] as string[])).filter((name) => name.startsWith(`${log}.`) && name.endsWith('.gz')).sort();
    const removed = rotated.slice(0, Math.max(0, rotated.length - keep)).map((name) => join(logDir, name));
    for (const old of removed) await rm(old, { force: true });
    results.push({ log, rotatedTo, removed });
  }
  return results;
}
