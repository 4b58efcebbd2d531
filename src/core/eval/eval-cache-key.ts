/**
 * The ingestion cache key: dataset path + corpus hash + the settings that change what is
 * indexed (embedder identity, retrieval unit, propositionizer). Fusion, weights, mode,
 * candidates and threshold only change querying, so runs that vary them share one index.
 */
import { createHash } from 'node:crypto';

export interface IndexSettings {
  embedder: string;
  unit: string;
  propositionizer: string;
  /** Text indexed with each unit besides its own (eval experiment, e.g. 'title'); absent = none. */
  context?: string;
}

export function evalCacheKey(datasetDir: string, corpusSha256: string, settings: IndexSettings): string {
  const material = JSON.stringify({ v: 1, datasetDir, corpusSha256, embedder: settings.embedder, unit: settings.unit, propositionizer: settings.propositionizer, context: settings.context });
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}
