/**
 * Splits text into pages at form feeds (`\f`), the page break of plain-text documents such as
 * RFCs. The form feed itself belongs to no page; page numbers start at 1.
 */
import type { PageText } from '../../../core/domain/types.ts';

export interface PageSlice extends PageText {
  /** Offset of the page's first character in the unsplit text. */
  offset: number;
}

/** Splits `text` at every `\f`; a text without form feeds is one page. */
export function splitPages(text: string): PageSlice[] {
  const pages: PageSlice[] = [];
  let offset = 0;
  for (const part of text.split('\f')) {
    pages.push({ number: pages.length + 1, text: part, offset });
    offset += part.length + 1;
  }
  return pages;
}
