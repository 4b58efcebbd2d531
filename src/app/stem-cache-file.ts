/**
 * `<dataDir>/cache/stems.json`: the BM25F re-scorer's Porter2 stems (word → stem), saved when a process that searched
 * closes and read by the next process before its first search (issue 17: the stems were most of the corpus-statistics
 * build every `bin/propo ask` paid). Derived data: not backed up; a missing, unreadable or foreign file (checked on a
 * sample by `primeStemCache`) only means the stems are computed again. Written to a temp file and renamed.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { primeStemCache, stemCacheEntries, stemCacheSize } from '../core/retrieval/lexical/lexical-terms.ts';

const FORMAT = 1;

export function stemCacheFile(dataDir: string): string {
  return join(dataDir, 'cache', 'stems.json');
}

/** Primes the in-memory stems from the file; returns how many the process had afterwards (to save only on growth). */
export function loadStemCache(file: string, warn?: (message: string) => void): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return stemCacheSize();
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; stems?: unknown };
    const entries = parsed.stems;
    const valid = parsed.format === FORMAT && Array.isArray(entries)
      && entries.every((e): e is [string, string] => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string');
    if (!valid || primeStemCache(entries) < 0) warn?.(`${file} is not a stem cache of this version; the stems are computed again.`);
  } catch {
    warn?.(`${file} could not be read as JSON; the stems are computed again.`);
  }
  return stemCacheSize();
}

/** Saves the stems when there are more than `known`; a failure (read-only or full disk) is reported, never thrown. */
export function saveStemCache(file: string, known: number, warn?: (message: string) => void): void {
  if (stemCacheSize() <= known) return;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify({ format: FORMAT, stems: stemCacheEntries() }));
    renameSync(temp, file);
  } catch (error) {
    warn?.(`Could not save ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
