/**
 * The explicit registry of document parsers, one per DocumentKind. An unknown kind is a typed
 * error, never a silent fallback.
 */
import type { DocumentKind } from '../../core/domain/types.ts';
import { PropoError } from '../../core/errors/index.ts';
import type { DocumentParser } from '../../core/ports/parser.ts';
import { createDocxParser } from './docx/docx-parser.ts';
import { createEpubParser } from './epub/epub-parser.ts';
import { createHtmlParser } from './html/html-parser.ts';
import { createMarkdownParser } from './markdown/markdown-parser.ts';
import { createPdfParser } from './pdf/pdf-parser.ts';
import { createTxtParser } from './txt/txt-parser.ts';

export interface ParserRegistryOptions {
  /** ingest.maxPdfPages */
  maxPdfPages: number;
}

export interface ParserRegistry {
  readonly kinds: readonly DocumentKind[];
  /** The parser for `kind`; throws PROPO_ERR_UNSUPPORTED_TYPE for anything else. */
  get(kind: string): DocumentParser;
}

/** Builds the pdf, txt, md, docx, html and epub parsers. */
export function createParserRegistry(options: ParserRegistryOptions): ParserRegistry {
  const parsers = new Map<string, DocumentParser>(
    [
      createPdfParser({ maxPages: options.maxPdfPages }), createTxtParser(), createMarkdownParser(),
      createDocxParser(), createHtmlParser(), createEpubParser({ maxChapters: options.maxPdfPages }),
    ].map((parser) => [parser.kind, parser]),
  );
  return {
    kinds: ['pdf', 'txt', 'md', 'docx', 'html', 'epub'],
    get(kind: string): DocumentParser {
      const parser = parsers.get(kind);
      if (parser === undefined) {
        throw new PropoError('PROPO_ERR_UNSUPPORTED_TYPE', `No parser for document kind "${kind}". Use one of: pdf, txt, md, docx, html, epub.`);
      }
      return parser;
    },
  };
}
