/**
 * HTML parser: the page's readable content (Mozilla Readability on a linkedom DOM), so navigation,
 * scripts, sidebars and footers are dropped; headings, paragraphs and list items become paragraphs
 * and every h1/h2 starts a new section (the "page" in citations). Pages Readability declines
 * (too short to be an article) fall back to the whole body minus nav/script/header/footer/aside.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ParsedDocument } from '../../../core/domain/types.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import { decodeText } from '../txt/decode-text.ts';
import { assertHasText } from '../txt/txt-parser.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';
import { htmlToPages } from './html-to-pages.ts';

const BOILERPLATE = 'nav, script, style, noscript, header, footer, aside, form, [role="navigation"], [aria-hidden="true"]';

interface ReadableContent { title: string; html: string; usedReadability: boolean }

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The readable part of `html`, with the article title as a leading heading when Readability removed it. */
export function readableContent(html: string): ReadableContent {
  const probe = parseHTML(html).document as unknown as Document;
  const article = isProbablyReaderable(probe, { minContentLength: 80, minScore: 20 }) ? new Readability(probe).parse() : null;
  if (article?.content != null && (article.textContent ?? '').trim() !== '') {
    const title = (article.title ?? '').trim();
    const content = article.content;
    const hasTitle = title === '' || (article.textContent ?? '').trimStart().startsWith(title);
    return { title, html: hasTitle ? content : `<h1>${escapeHtml(title)}</h1>${content}`, usedReadability: true };
  }
  const { document } = parseHTML(html);
  for (const element of Array.from(document.querySelectorAll(BOILERPLATE))) element.remove();
  return { title: (document.title ?? '').trim(), html: document.body?.innerHTML ?? '', usedReadability: false };
}

/** Creates the `html` DocumentParser. */
export function createHtmlParser(): DocumentParser {
  return {
    kind: 'html',
    async parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
      throwIfAborted(options.signal, options.fileName);
      const decoded = decodeText(bytes);
      const content = readableContent(decoded.text);
      const pages = htmlToPages(content.html, { splitSections: true });
      assertHasText(pages.map((page) => page.text).join(''), options.fileName);
      const warnings = decoded.warning === undefined ? [] : [decoded.warning];
      if (!content.usedReadability) warnings.push('No article found by Readability; the whole page body was kept (navigation and scripts removed).');
      return { kind: 'html', pages, warnings };
    },
  };
}
