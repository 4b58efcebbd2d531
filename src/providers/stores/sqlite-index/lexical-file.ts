/**
 * The in-memory BM25 index's file next to the database (decision 0128), so a new process loads it instead of
 * tokenizing the whole library again. Derived data like the HNSW file, with the same crash-safe protocol
 * (saved-file.ts): a missing, damaged or foreign file is ignored and the index rebuilt from FTS5.
 */
import { open } from 'node:fs/promises';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FTS_TOKENIZE } from './fts-query.ts';
import { LexicalIndex } from './lexical-index.ts';
import { ensureFolder, publishManifest, readManifest, removeSaved, savedFileName, type SavedManifest } from './saved-file.ts';

export interface LexicalManifest extends SavedManifest { format: number; tokenizer: string }

const EXT = 'bm25';
const FORMAT = 1;

/** What loading found: no file (nothing to report), an index, or a file that cannot be used and why. */
export type LexicalLoad = { status: 'none' } | { status: 'loaded'; index: LexicalIndex } | { status: 'unusable'; reason: string };

/**
 * Loads the saved index at `base` (synchronously: it is on the first search's path). Tried twice when another
 * process's save switched the manifest meanwhile (and removed the file it named before).
 */
export function loadLexical(base: string, log: (x: number) => number): LexicalLoad {
  const first = loadOnce(base, log);
  if (first.status !== 'unusable' || readManifest<LexicalManifest>(base, ['format'])?.file === first.file) return first;
  return loadOnce(base, log);
}

function loadOnce(base: string, log: (x: number) => number): LexicalLoad & { file?: string } {
  if (!existsSync(`${base}.json`)) return { status: 'none' };
  const manifest = readManifest<LexicalManifest>(base, ['format']);
  if (manifest === null) return { status: 'unusable', reason: 'unreadable manifest' };
  if (manifest.format !== FORMAT || manifest.tokenizer !== FTS_TOKENIZE) return { status: 'unusable', reason: 'another format or tokenizer' };
  const file = join(dirname(base), manifest.file);
  const unusable = (reason: string) => ({ status: 'unusable' as const, reason, file: manifest.file });
  try {
    if (statSync(file).size !== manifest.bytes) return unusable('file size differs from its manifest');
    const index = LexicalIndex.deserialize(readFileSync(file), log);
    if (index.watermark !== manifest.watermark || index.goneMark !== manifest.goneMark) return unusable('marks differ from its manifest');
    return { status: 'loaded', index };
  } catch (error) {
    return unusable(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Saves a snapshot of `index` (taken before this returns its promise, so later changes are not mixed in): a new
 * durable file, then the manifest switch. Resolves false when the index cannot be serialized.
 */
export function saveLexical(base: string, index: LexicalIndex): Promise<boolean> {
  let chunks: Uint8Array[] | null;
  try {
    chunks = index.serialize();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  if (chunks === null) return Promise.resolve(false);
  const marks = { watermark: index.watermark, goneMark: index.goneMark };
  return (async () => {
    ensureFolder(base);
    const previous = readManifest<LexicalManifest>(base, ['format']);
    const file = savedFileName(base, marks, EXT);
    const path = join(dirname(base), file);
    const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    try {
      const handle = await open(path, 'w');
      try {
        const { bytesWritten } = await handle.writev(chunks);
        if (bytesWritten !== total) throw new Error(`short write of the BM25 index file (${bytesWritten} of ${total} bytes)`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      publishManifest(base, { file, bytes: total, ...marks, format: FORMAT, tokenizer: FTS_TOKENIZE }, EXT, previous);
    } catch (error) {
      // A failed save (a full disk) leaves nothing behind; the manifest still names the previous file.
      if (readManifest<LexicalManifest>(base, ['format'])?.file !== file) rmSync(path, { force: true });
      throw error;
    }
    return true;
  })();
}

/** Removes the manifest and file (a reindex dropping its table). */
export const removeLexical = removeSaved;

