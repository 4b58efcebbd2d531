import type { DocumentKind, ParsedDocument } from '../domain/types.ts';

export interface ParseOptions {
  fileName: string;
  password?: string;
  signal?: AbortSignal;
}

/** Provider spec for one document format. */
export interface DocumentParser {
  readonly kind: DocumentKind;
  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument>;
}
