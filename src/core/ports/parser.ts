import type { DocumentKind, OcrMode, ParsedDocument } from '../domain/types.ts';

/** OCR progress: `done` of `pages` pages recognised (reported before the first and after each page). */
export interface ParseProgress { ocrDone: number; ocrPages: number }

export interface ParseOptions {
  fileName: string;
  password?: string;
  signal?: AbortSignal;
  /** OCR for image-only pages and images (default 'auto' where the caller does not say). */
  ocr?: OcrMode;
  onProgress?: (progress: ParseProgress) => void;
}

/** Provider spec for one document format. */
export interface DocumentParser {
  readonly kind: DocumentKind;
  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument>;
}
