/** The portable JSONL format of `bin/propo export` / `import`: one JSON object per line. */
import type { DocumentKind, RetrievalUnit } from '../../../core/domain/index.ts';

export const EXPORT_FORMAT = 'propo-export/1';

export type ExportLine =
  | { type: 'header'; format: typeof EXPORT_FORMAT; createdAt: string; namespace: string; embedder: { name: string; dimensions: number } }
  | { type: 'document'; id: string; file: string; kind: DocumentKind; sha256: string; bytes: number; namespace: string; sourcePath: string | null; warnings: string[]; createdAt: string; updatedAt: string }
  | { type: 'page'; documentId: string; number: number; text: string; sourceOffsets: number[] | null }
  | { type: 'paragraph'; id: string; documentId: string; page: number; start: number; end: number; text: string; ordinal: number }
  | { type: 'proposition'; id: string; documentId: string; file: string; page: number; start: number; end: number; text: string; paragraphId: string; expert: string | null }
  | { type: 'vector'; id: string; documentId: string; namespace: string; text: string; unit: RetrievalUnit; page: number; start: number; end: number; paragraphId: string; file: string; expert: string | null; vector: number[] }
  | { type: 'end'; documents: number; vectors: number };
