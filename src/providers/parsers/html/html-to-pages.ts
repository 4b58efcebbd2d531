/** Shared by the HTML, DOCX and EPUB parsers: markup → numbered pages of block text. */
import { parseHTML } from 'linkedom';
import type { PageText } from '../../../core/domain/types.ts';
import { htmlBlocks, sectionText, type DomNode, type HtmlBlocksOptions } from './html-blocks.ts';

/** Parses `html` (a full document or a fragment) and returns its sections as pages numbered from `firstNumber`. */
export function htmlToPages(html: string, options: HtmlBlocksOptions & { firstNumber?: number } = {}): PageText[] {
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const root = (document.body ?? document.documentElement) as unknown as DomNode;
  const first = options.firstNumber ?? 1;
  return htmlBlocks(root, options).map((section, index) => ({ number: first + index, text: sectionText(section) }));
}
