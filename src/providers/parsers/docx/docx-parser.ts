/**
 * DOCX parser: mammoth converts the Word document to semantic HTML (Heading styles → h1–h6, numbered
 * and bulleted paragraphs → list items, tables → cells), which becomes block text; every Heading 1/2
 * starts a new section, the "page" number in citations (Word files have no fixed pages).
 */
import mammoth from 'mammoth';
import type { ParsedDocument } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import { htmlToPages } from '../html/html-to-pages.ts';
import { assertHasText } from '../txt/txt-parser.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';

async function convert(bytes: Uint8Array, fileName: string): Promise<{ html: string; warnings: string[] }> {
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    const warnings = result.messages.filter((message) => message.type === 'warning').slice(0, 5).map((message) => `DOCX: ${message.message}`);
    return { html: result.value, warnings };
  } catch (error) {
    throw new PropoError(
      'PROPO_ERR_DOCX_CORRUPT',
      `${fileName} could not be read as a Word document (${error instanceof Error ? error.message : String(error)}). ` +
        'Open it in Word or LibreOffice and save it again as .docx.',
      { cause: error },
    );
  }
}

/** Creates the `docx` DocumentParser. */
export function createDocxParser(): DocumentParser {
  return {
    kind: 'docx',
    async parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
      throwIfAborted(options.signal, options.fileName);
      const { html, warnings } = await convert(bytes, options.fileName);
      throwIfAborted(options.signal, options.fileName);
      const pages = htmlToPages(html, { splitSections: true });
      assertHasText(pages.map((page) => page.text).join(''), options.fileName);
      return { kind: 'docx', pages, warnings };
    },
  };
}
