/**
 * The typed per-file result of an ingestion batch, the same shape as `bin/propo ingest --json`:
 * one bad file never hides or undoes the others.
 */
import type { IngestResult } from '../../../core/ingest/ingest-file.ts';
import type { StoredDocument } from '../../../providers/stores/sqlite/index.ts';

export interface DocumentResult {
  id: string;
  file: string;
  status: IngestResult['status'];
  pages: number;
  propositions: number;
  error?: { code: string; message: string };
  /** The name as uploaded, when it was stored under a safer `file`. */
  originalName?: string;
}

export function asDocumentResult(result: IngestResult): DocumentResult {
  return { id: result.id, file: result.file, status: result.status, pages: result.pages, propositions: result.propositions, ...(result.error ? { error: result.error } : {}), ...(result.originalName ? { originalName: result.originalName } : {}) };
}

/** A stored document as listed by the API (no internal paths). */
export function documentSummary(doc: StoredDocument) {
  return {
    id: doc.id, file: doc.file, kind: doc.kind, status: doc.status, pages: doc.pages, propositions: doc.propositions,
    bytes: doc.bytes, warnings: doc.warnings, createdAt: doc.createdAt, updatedAt: doc.updatedAt,
  };
}
