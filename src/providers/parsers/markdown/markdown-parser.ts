/**
 * Markdown parser: plain text for retrieval plus, per page, a map from plain-text offsets back to
 * offsets in the decoded Markdown source (ParsedDocument.sourceOffsets), so citations can be shown
 * in the original file. Form feeds split pages as in TXT.
 */
import type { ParsedDocument } from '../../../core/domain/types.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import { decodeText } from '../txt/decode-text.ts';
import { splitPages } from '../txt/split-pages.ts';
import { assertHasText } from '../txt/txt-parser.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';
import { markdownToPlain } from './markdown-to-plain.ts';

/**
 * Creates the `md` DocumentParser. Source offsets index the decoded source string (BOM removed,
 * line endings as in the file), in UTF-16 code units.
 */
export function createMarkdownParser(): DocumentParser {
  return {
    kind: 'md',
    async parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
      throwIfAborted(options.signal, options.fileName);
      const decoded = decodeText(bytes);
      const converted = splitPages(decoded.text).map((page) => ({
        number: page.number,
        ...markdownToPlain(page.text, page.offset),
      }));
      assertHasText(converted.map((page) => page.text).join(''), options.fileName);
      return {
        kind: 'md',
        pages: converted.map(({ number, text }) => ({ number, text })),
        warnings: decoded.warning === undefined ? [] : [decoded.warning],
        sourceOffsets: converted.map((page) => page.map),
      };
    },
  };
}
