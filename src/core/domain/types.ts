/**
 * Domain types shared by every layer. Offsets are UTF-16 code-unit offsets into a page's
 * text, so that `page.text.slice(start, end)` in JavaScript is the source span.
 */

export type DocumentKind = 'pdf' | 'txt' | 'md' | 'docx' | 'html' | 'epub' | 'image';

/** OCR per ingest: never, only for pages without a text layer (and images), or every page. */
export type OcrMode = 'off' | 'auto' | 'force';

/** One page of extracted text. Page numbers start at 1. */
export interface PageText {
  number: number;
  text: string;
}

/** What a parser returns for one file. */
export interface ParsedDocument {
  kind: DocumentKind;
  pages: PageText[];
  /** Parser-specific notes, e.g. hidden-text warnings, Markdown source offsets. */
  warnings: string[];
  /** For Markdown: per page, a map from plain-text offset to source offset (same length + 1). */
  sourceOffsets?: number[][];
}

export interface ParagraphRecord {
  id: string;
  documentId: string;
  page: number;
  start: number;
  end: number;
  text: string;
  ordinal: number;
}

export interface PropositionRecord {
  id: string;
  documentId: string;
  file: string;
  page: number;
  start: number;
  end: number;
  text: string;
  paragraphId: string;
  /** MoE expert label when routing is enabled; null otherwise. */
  expert?: string | null;
}

export type DocumentStatus = 'pending' | 'ingested' | 'failed';

export interface DocumentRecord {
  id: string;
  file: string;
  kind: DocumentKind;
  sha256: string;
  bytes: number;
  namespace: string;
  status: DocumentStatus;
  pages: number;
  propositions: number;
  createdAt: string;
  updatedAt: string;
  error?: { code: string; message: string } | null;
}

/** One searchable unit in the vector store (a proposition or a paragraph). */
export interface VectorRecord {
  id: string;
  documentId: string;
  namespace: string;
  text: string;
  vector: Float32Array | number[];
  /** 'proposition' | 'paragraph' */
  unit: RetrievalUnit;
  page: number;
  start: number;
  end: number;
  paragraphId: string;
  file: string;
  expert?: string | null;
}

export type RetrievalUnit = 'proposition' | 'paragraph';

export interface ScoredHit {
  id: string;
  score: number;
  record: Omit<VectorRecord, 'vector'>;
}

/** A citation as written in answers: `[file:page:start-end]`. */
export interface CitationRef {
  file: string;
  page: number;
  start: number;
  end: number;
}
