/**
 * EPUB parser: each chapter (XHTML content document in spine order) is one page, so citations carry
 * the chapter number. Headings and list items become paragraphs; chapters without text (covers,
 * image-only pages) are skipped and numbering continues with the next chapter that has text.
 */
import JSZip from 'jszip';
import type { PageText, ParsedDocument } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import { htmlToPages } from '../html/html-to-pages.ts';
import { assertHasText } from '../txt/txt-parser.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';
import { readEncryptedPaths, readEntry, readEpubSpine } from './read-epub-spine.ts';

export interface EpubParserOptions {
  /** Largest number of chapters read (ingest.maxPdfPages is reused as the page bound). */
  maxChapters: number;
}

function corrupt(fileName: string, reason: string, cause?: unknown): PropoError {
  return new PropoError('PROPO_ERR_EPUB_CORRUPT', `${fileName} is not a readable EPUB: ${reason}. Export it again from the source or convert it with Calibre.`, { cause });
}

/** Creates the `epub` DocumentParser. */
export function createEpubParser(options: EpubParserOptions): DocumentParser {
  return {
    kind: 'epub',
    async parse(bytes: Uint8Array, parseOptions: ParseOptions): Promise<ParsedDocument> {
      const { fileName, signal } = parseOptions;
      throwIfAborted(signal, fileName);
      let zip: JSZip;
      try {
        zip = await JSZip.loadAsync(bytes);
      } catch (error) {
        throw corrupt(fileName, `the ZIP container is damaged (${error instanceof Error ? error.message : String(error)})`, error);
      }
      let spine;
      try {
        spine = await readEpubSpine(zip);
      } catch (error) {
        throw corrupt(fileName, error instanceof Error ? error.message : String(error), error);
      }
      const encrypted = await readEncryptedPaths(zip);
      if (spine.some((item) => encrypted.has(item.path))) {
        throw new PropoError('PROPO_ERR_EPUB_ENCRYPTED', `${fileName} is DRM-protected (its chapters are encrypted). Ingest a DRM-free copy.`);
      }
      if (spine.length > options.maxChapters) {
        throw new PropoError('PROPO_ERR_PDF_LIMITS', `${fileName} has ${spine.length} chapters; the limit is ${options.maxChapters} (ingest.maxPdfPages).`);
      }
      const pages: PageText[] = [];
      const warnings: string[] = [];
      for (const item of spine) {
        throwIfAborted(signal, fileName);
        const xhtml = await readEntry(zip, item.path);
        if (xhtml === null) { warnings.push(`EPUB: chapter ${item.path} is listed in the spine but missing; skipped.`); continue; }
        const text = htmlToPages(xhtml).map((section) => section.text).join('\n\n');
        if (text.trim() !== '') pages.push({ number: pages.length + 1, text });
      }
      assertHasText(pages.map((page) => page.text).join(''), fileName);
      return { kind: 'epub', pages, warnings };
    },
  };
}
