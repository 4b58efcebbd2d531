/**
 * One rotating JSON-lines file of the audit log: appends lines, rotates by size keeping `keep`
 * old files (`<name>.1` … `<name>.<keep>`), and reads the newest lines back across them.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';

export interface AuditFile {
  readonly path: string;
  append(line: string): void;
  /** The last `limit` non-empty lines, oldest first, from the current and rotated files. */
  tail(limit: number): string[];
}

export function createAuditFile(path: string, maxBytes: number, keep: number): AuditFile {
  let size = existsSync(path) ? statSync(path).size : 0;
  const rotate = () => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    if (existsSync(path)) renameSync(path, `${path}.1`);
    size = 0;
  };
  return {
    path,
    append(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(path, line, { mode: 0o640 });
      size += bytes;
    },
    tail(limit) {
      const lines: string[] = [];
      for (const file of [path, ...Array.from({ length: keep }, (_, i) => `${path}.${i + 1}`)]) {
        if (lines.length >= limit || !existsSync(file)) continue;
        const text = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
        lines.unshift(...text.slice(-(limit - lines.length)));
      }
      return lines.slice(-limit);
    },
  };
}
