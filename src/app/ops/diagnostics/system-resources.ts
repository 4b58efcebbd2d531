/**
 * `bin/propo ops resources`: disk free where the data dir lives, memory, load, and the RSS of
 * every running `propo serve` process (found in /proc), with warnings past common thresholds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';

export interface ProcessUsage { pid: number; rssBytes: number; command: string }
export interface SystemResources {
  dataDir: string;
  disk: { totalBytes: number; freeBytes: number; usedPercent: number };
  memory: { totalBytes: number; availableBytes: number; usedPercent: number };
  load: { one: number; five: number; fifteen: number; cpus: number };
  processes: ProcessUsage[];
  warnings: string[];
}

function availableMemory(): number {
  try {
    const match = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match?.[1]) return Number(match[1]) * 1024;
  } catch { /* not Linux */ }
  return freemem();
}

/** Running Propo servers: processes whose command line runs the CLI entry with `serve`. */
export function propoProcesses(): ProcessUsage[] {
  if (!existsSync('/proc')) return [];
  const found: ProcessUsage[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const entry = args.findIndex((a) => /(^|\/)app\/cli\/main\.(?:m?ts|js)$/.test(a));
      if (entry < 0 || !args.includes('serve')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      found.push({ pid: Number(pid), rssBytes: Number(rss?.[1] ?? 0) * 1024, command: args.slice(entry + 1).join(' ') });
    } catch { /* the process ended meanwhile */ }
  }
  return found;
}

export async function systemResources(dataDir: string): Promise<SystemResources> {
  let probe = resolve(dataDir);
  while (!existsSync(probe)) probe = resolve(probe, '..');
  const fs = await statfs(probe);
  const totalBytes = fs.blocks * fs.bsize;
  const freeBytes = fs.bavail * fs.bsize;
  const memoryTotal = totalmem();
  const available = availableMemory();
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  const result: SystemResources = {
    dataDir: resolve(dataDir),
    disk: { totalBytes, freeBytes, usedPercent: Math.round((1 - freeBytes / totalBytes) * 1000) / 10 },
    memory: { totalBytes: memoryTotal, availableBytes: available, usedPercent: Math.round((1 - available / memoryTotal) * 1000) / 10 },
    load: { one, five, fifteen, cpus: cpus().length },
    processes: propoProcesses(),
    warnings: [],
  };
  if (result.disk.usedPercent > 85) result.warnings.push(`disk ${result.disk.usedPercent}% used where ${result.dataDir} lives: free space or move backups`);
  if (result.memory.usedPercent > 90) result.warnings.push(`memory ${result.memory.usedPercent}% used`);
  if (one > result.load.cpus * 2) result.warnings.push(`load ${one.toFixed(2)} on ${result.load.cpus} CPUs`);
  for (const p of result.processes) if (p.rssBytes > 2 * 1024 ** 3) result.warnings.push(`propo pid ${p.pid} uses ${(p.rssBytes / 1024 ** 3).toFixed(1)} GB RSS`);
  return result;
}
