/**
 * The HNSW index (usearch) and its file next to the database. The index is derived data: SQLite
 * holds every vector, so a missing, unreadable or stale file is rebuilt, never trusted. Each save
 * writes a new file, then atomically replaces the small JSON manifest that names it and records
 * the watermarks it covers (highest row number added, highest deletion-log entry applied); the
 * file protocol is saved-file.ts, shared with the BM25 index file.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type * as Usearch from 'usearch';
import { ensureFolder, publishManifest, readManifest, removeSaved, savedFileName, syncFile, type SavedManifest } from './saved-file.ts';

export type AnnIndex = InstanceType<typeof Usearch.Index>;

// The native HNSW library loads when a graph is first created or read, not for a library that never reaches
// the ANN threshold or a command that never searches (issue 17). Its CommonJS build, synchronously.
let usearchModule: typeof Usearch | null = null;
const usearch = (): typeof Usearch => (usearchModule ??= createRequire(import.meta.url)('usearch') as typeof Usearch);

export interface AnnManifest extends SavedManifest { size: number; dimensions: number }

const ANN_EXT = 'usearch';

/** The beam (expansion_search) up to BEAM_FLAT_ROWS rows: recall@10 0.999 at 100k (docs/benchmarks.md). */
const BASE_BEAM = 96;
const BEAM_FLAT_ROWS = 100_000;
/** The beam grows ×8 per ×10 rows (log-linear): 768 at 1M, where recall@10 levels off (decision 0138). */
const BEAM_PER_DECADE = 8;
const MAX_BEAM = 4096;

/**
 * The HNSW search beam for an index of `rows` rows (decision 0138): 96 up to 100k rows, then ×8 per ×10 rows
 * (259 at 300k, 768 at 1M), at most 4096. Fitted on the 1M sweep (bench/query/hnsw-ef.ts, docs/benchmarks.md):
 * the smallest beam within 0.01 of the best recall on one half of the queries, the same on either half.
 */
export function searchBeam(rows: number): number {
  if (rows <= BEAM_FLAT_ROWS) return BASE_BEAM;
  return Math.min(MAX_BEAM, Math.round(BASE_BEAM * BEAM_PER_DECADE ** Math.log10(rows / BEAM_FLAT_ROWS)));
}

/**
 * How many of the beam's best rows the caller re-scores exactly in fp32 for a top `k`: 2k+10 at every size (re-scoring
 * 50, 100 or 200 of the same beam found no more of the exact top 10 at 1M; decision 0138).
 */
export function rescoreCount(k: number): number {
  return k * 2 + 10;
}

/** Graph degree 16, f16 vectors (half the memory of f32; recall in docs/benchmarks.md). */
export function createAnnIndex(dimensions: number, expansionSearch = BASE_BEAM): AnnIndex {
  const { Index, MetricKind, ScalarKind } = usearch();
  return new Index({
    dimensions, metric: MetricKind.Cos, quantization: ScalarKind.F16,
    connectivity: 16, expansion_add: 128, expansion_search: expansionSearch, multi: false,
  });
}

/** Loads the saved index when its manifest matches `dimensions`; null when there is none or it cannot be read. */
export function loadAnn(base: string, dimensions: number): { index: AnnIndex; manifest: AnnManifest } | null {
  const manifest = readManifest<AnnManifest>(base, ['size', 'dimensions']);
  if (manifest === null || manifest.dimensions !== dimensions) return null;
  const file = join(dirname(base), manifest.file);
  // usearch trusts the file's header: a damaged file must never reach it (one allocated until killed).
  if (!existsSync(file) || statSync(file).size !== manifest.bytes) return null;
  try {
    const index = createAnnIndex(dimensions);
    index.load(file);
    return { index, manifest };
  } catch {
    return null;
  }
}

/** Saves `index` under a new name, switches the manifest to it, then removes the previous file (saved-file.ts). */
export function saveAnn(base: string, index: AnnIndex, marks: Omit<AnnManifest, 'file' | 'size' | 'bytes'>): void {
  ensureFolder(base);
  const previous = readManifest<AnnManifest>(base, ['size', 'dimensions']);
  const file = savedFileName(base, marks, ANN_EXT);
  const path = join(dirname(base), file);
  index.save(path);
  syncFile(path);
  publishManifest(base, { file, size: index.size(), bytes: statSync(path).size, ...marks }, ANN_EXT, previous);
}

/** Removes the manifest and index file (a reindex dropping its table, a restore). */
export const removeAnn = removeSaved;
