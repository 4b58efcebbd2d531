/**
 * The explicit registry of document parsers, one per DocumentKind. An unknown kind is a typed
 * error, never a silent fallback.
 */
import type { DocumentKind } from '../../core/domain/types.ts';
import { PropoError } from '../../core/errors/index.ts';
import type { DocumentParser } from '../../core/ports/parser.ts';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../ocr/ocr-settings.ts';
import { createMarkdownParser } from './markdown/markdown-parser.ts';
import { createPdfParser, type PdfEngine } from './pdf/pdf-parser.ts';
import { createTxtParser } from './txt/txt-parser.ts';

export interface ParserRegistryOptions {
  /** ingest.maxPdfPages */
  maxPdfPages: number;
  /** OCR bounds (ingest.ocr*); defaults from DEFAULT_OCR_SETTINGS. */
  ocr?: OcrSettings;
  /** ingest.pdfEngine (decision 0136); default pdfjs. */
  pdfEngine?: PdfEngine;
}

export interface ParserRegistry {
  readonly kinds: readonly DocumentKind[];
  /** The parser for `kind`; throws PROPO_ERR_UNSUPPORTED_TYPE for anything else. */
  get(kind: string): DocumentParser;
}

/** Builds the pdf, txt, md, docx, html, epub and image (OCR) parsers. */
export function createParserRegistry(options: ParserRegistryOptions): ParserRegistry {
  const ocr = options.ocr ?? DEFAULT_OCR_SETTINGS;
  const parsers = new Map<string, DocumentParser>(
    [
      createPdfParser({ maxPages: options.maxPdfPages, ocr, ...(options.pdfEngine === undefined ? {} : { engine: options.pdfEngine }) }), createTxtParser(), createMarkdownParser(),
      lazyParser('docx', async () => (await import('./docx/docx-parser.ts')).createDocxParser()),
      lazyParser('html', async () => (await import('./html/html-parser.ts')).createHtmlParser()),
      lazyParser('epub', async () => (await import('./epub/epub-parser.ts')).createEpubParser({ maxChapters: options.maxPdfPages })),
      lazyParser('image', async () => (await import('./image/image-parser.ts')).createImageParser(ocr)),
    ].map((parser) => [parser.kind, parser]),
  );
  return {
    kinds: ['pdf', 'txt', 'md', 'docx', 'html', 'epub', 'image'],
    get(kind: string): DocumentParser {
      const parser = parsers.get(kind);
      if (parser === undefined) {
        throw new PropoError('PROPO_ERR_UNSUPPORTED_TYPE', `No parser for document kind "${kind}". Use one of: pdf, txt, md, docx, html, epub, image.`);
      }
      return parser;
    },
  };
}

/**
 * A parser whose module is imported with its first file: the DOCX, HTML, EPUB and image parsers pull in mammoth,
 * linkedom and JSZip (≈ 170 ms CPU of each parse worker's start, paid even by a folder of PDFs; decision 0139).
 * A failed import is tried again with the next file.
 */
function lazyParser(kind: DocumentKind, load: () => Promise<DocumentParser>): DocumentParser {
  let parser: Promise<DocumentParser> | null = null;
  return {
    kind,
    async parse(bytes, parseOptions) {
      parser ??= load().catch((error: unknown) => { parser = null; throw error; });
      return (await parser).parse(bytes, parseOptions);
    },
  };
}
