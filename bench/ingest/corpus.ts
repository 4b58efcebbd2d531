/** The benchmark corpus: every file in ../shared/datasets/documents (PDF, Markdown, TXT). */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DOCUMENTS = resolve(new URL('../../..', import.meta.url).pathname, 'shared/datasets/documents');

export function corpusFiles(limit = Infinity): string[] {
  return ['pdf', 'md', 'txt'].flatMap((dir) => readdirSync(join(DOCUMENTS, dir)).sort().map((f) => join(DOCUMENTS, dir, f))).slice(0, limit);
}

export interface StageReport { seconds: number; units: number }

export interface IngestBenchReport {
  system: string;
  files: number;
  failed: number;
  /** Files whose parser did not finish within the time bound (counted in failed). */
  timedOut?: number;
  pages: number;
  units: number;
  unitName: string;
  stages: Record<'parse' | 'split' | 'embed' | 'index', StageReport>;
  totalSeconds: number;
  peakRssMb: number;
}
