/**
 * Turns a DOM subtree into page text: one paragraph (blank-line separated) per block element —
 * headings, paragraphs, list items, quotes, table cells — with inline whitespace collapsed.
 * Scripts, styles, navigation and forms are dropped. Sections start at h1/h2 headings so that
 * long HTML/DOCX documents get section numbers in their citations.
 */

/** Elements whose content never reaches the page text. */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'FORM', 'BUTTON', 'SELECT', 'TEXTAREA', 'SVG', 'IFRAME', 'OBJECT', 'HEAD']);

/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TH',
  'THEAD', 'TFOOT', 'TR', 'UL',
]);

/** Headings that start a new section (page) when `splitSections` is on. */
const SECTION_HEADINGS = new Set(['H1', 'H2']);

/** The minimal DOM surface used here (linkedom's nodes satisfy it). */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface HtmlBlocksOptions {
  /** Start a new section at every h1/h2 heading after the first block. */
  splitSections?: boolean;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

class SectionWriter {
  readonly sections: string[][] = [[]];
  private buffer = '';
  /** Whether the current section has a paragraph that is not a heading (a lone title stays with what follows). */
  private hasBody = false;

  append(text: string): void {
    this.buffer += text;
  }

  flush(heading = false): void {
    const paragraph = this.buffer.replace(/[ \t]+\n/g, '\n').replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n').trim();
    this.buffer = '';
    if (paragraph === '') return;
    this.current().push(paragraph);
    if (!heading) this.hasBody = true;
  }

  startSection(): void {
    this.flush();
    if (!this.hasBody) return;
    this.sections.push([]);
    this.hasBody = false;
  }

  private current(): string[] {
    return this.sections[this.sections.length - 1] as string[];
  }
}

function walk(node: DomNode, writer: SectionWriter, options: HtmlBlocksOptions, inPre: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    const text = node.textContent ?? '';
    writer.append(inPre ? text : text.replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
  const name = node.nodeName.toUpperCase();
  if (DROPPED.has(name)) return;
  if (name === 'BR') { writer.append('\n'); return; }
  const block = BLOCKS.has(name);
  if (block) {
    if (options.splitSections === true && SECTION_HEADINGS.has(name)) writer.startSection();
    else writer.flush();
    if (name === 'LI') writer.append('- ');
  }
  const pre = inPre || name === 'PRE';
  for (const child of Array.from(node.childNodes)) walk(child, writer, options, pre);
  if (block) writer.flush(/^H[1-6]$/.test(name));
  else if (name === 'TD' || name === 'TH') writer.append(' ');
}

/** The sections (each a list of paragraphs) of `root`; empty sections are omitted. */
export function htmlBlocks(root: DomNode, options: HtmlBlocksOptions = {}): string[][] {
  const writer = new SectionWriter();
  walk(root, writer, options, false);
  writer.flush();
  return writer.sections.filter((section) => section.length > 0);
}

/** Page text for one section: paragraphs separated by a blank line. */
export function sectionText(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}
