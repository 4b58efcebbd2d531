/**
 * Port for the app-state store of documents as ingestion and crash recovery use it (the SQLite
 * `DocumentRepository` implements it). A document is written 'pending' (invisible), then
 * committed (visible, replacing the version it supersedes) after its vectors are stored.
 */
import type { DocumentRecord, PageText, ParagraphRecord, PropositionRecord } from '../domain/types.ts';

export interface StoredDocument extends DocumentRecord { sourcePath: string | null; warnings: string[] }

export interface PendingDocument {
  record: Omit<DocumentRecord, 'status' | 'createdAt' | 'updatedAt'>;
  sourcePath: string | null;
  warnings: string[];
  pages: PageText[];
  sourceOffsets?: number[][] | undefined;
  paragraphs: ParagraphRecord[];
  propositions: PropositionRecord[];
  jobId: string;
  replaces: string | null;
}

export interface IngestJob { id: string; documentId: string; file: string; sourcePath: string | null; replaces: string | null; status: string; stage: string; error: string | null }

export interface DocumentStore {
  findById(id: string): StoredDocument | null;
  /** The visible document with this file name in a namespace (the one a changed file replaces). */
  findVisibleByFile(namespace: string, file: string): StoredDocument | null;
  list(options?: { namespace?: string; includePending?: boolean }): StoredDocument[];
  /** Writes a whole document as 'pending' after checking the span invariant. */
  insertPending(pending: PendingDocument): void;
  /** Makes a pending document visible and removes the version it replaces, atomically. */
  commit(documentId: string, jobId: string, replaces: string | null): void;
  delete(documentId: string): boolean;
  markJob(jobId: string, status: 'failed' | 'interrupted' | 'done', error?: string | null): void;
  unfinishedJobs(): IngestJob[];
  visibleDocumentIds(): Set<string>;
  /** Runs `work` in one transaction (nested calls inside it become savepoints): a batch of documents commits at once. */
  transaction<T>(work: () => T): T;
}
