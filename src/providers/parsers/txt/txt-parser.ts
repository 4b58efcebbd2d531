/**
 * Plain-text parser: decodes the bytes (UTF-8/UTF-16/Latin-1), normalises line endings to LF
 * and starts a new page at every form feed.
 */
import type { ParsedDocument } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import { decodeText, normalizeLineEndings } from './decode-text.ts';
import { splitPages } from './split-pages.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';

/** Throws PROPO_ERR_EMPTY_FILE when `text` has no visible character. */
export function assertHasText(text: string, fileName: string): void {
  if (text.trim() === '') {
    throw new PropoError('PROPO_ERR_EMPTY_FILE', `${fileName} contains only whitespace. Upload a file with text.`);
  }
}

/** Creates the `txt` DocumentParser. */
export function createTxtParser(): DocumentParser {
  return {
    kind: 'txt',
    async parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
      throwIfAborted(options.signal, options.fileName);
      const decoded = decodeText(bytes);
      const text = normalizeLineEndings(decoded.text);
      assertHasText(text, options.fileName);
      const pages = splitPages(text).map(({ number, text: pageText }) => ({ number, text: pageText }));
      return { kind: 'txt', pages, warnings: decoded.warning === undefined ? [] : [decoded.warning] };
    },
  };
}
