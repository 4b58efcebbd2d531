// @ts-check
/**
 * The rendered source of a Markdown or TXT citation, with the cited span marked. Markdown is rendered safely:
 * every character becomes a text node (raw HTML shows as text, links are not followed, images show their alt
 * text), and each text node remembers where it starts in the source, so the cited source range [start, end)
 * is wrapped in <mark> exactly, whatever markup lies around it.
 */
import { h } from './dom.js';

/** @typedef {{ node: Text, offset: number }} Placed */

/**
 * @param {Placed[]} placed
 * @param {string} text
 * @param {number} offset
 */
function textNode(placed, text, offset) {
  const node = document.createTextNode(text);
  placed.push({ node, offset });
  return node;
}

const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*|__[^_\n]+__|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_|!?\[[^\]\n]*\]\([^)\n]*\))/g;

/**
 * Inline Markdown of `text` (which starts at `offset` in the source).
 * @param {Placed[]} placed
 * @param {string} text
 * @param {number} offset
 * @returns {Node[]}
 */
function inline(placed, text, offset) {
  /** @type {Node[]} */
  const out = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    const token = match[0];
    if (at > last) out.push(textNode(placed, text.slice(last, at), offset + last));
    const start = offset + at;
    if (token.startsWith('`')) out.push(h('code', null, textNode(placed, token.slice(1, -1), start + 1)));
    else if (token.startsWith('**') || token.startsWith('__')) out.push(h('strong', null, inline(placed, token.slice(2, -2), start + 2)));
    else if (token.startsWith('*') || token.startsWith('_')) out.push(h('em', null, inline(placed, token.slice(1, -1), start + 1)));
    else {
      const image = token.startsWith('!');
      const close = token.indexOf('](');
      const label = token.slice(image ? 2 : 1, close);
      const target = token.slice(close + 2, -1);
      out.push(h('span', { class: image ? 'md-image' : 'md-link', title: target }, image ? '[image: ' : null, inline(placed, label, start + (image ? 2 : 1)), image ? ']' : null));
    }
    last = at + token.length;
  }
  if (last < text.length) out.push(textNode(placed, text.slice(last), offset + last));
  return out;
}

/**
 * Markdown source as DOM blocks.
 * @param {Placed[]} placed
 * @param {string} source
 * @returns {HTMLElement}
 */
function renderMarkdown(placed, source) {
  const root = h('div', { class: 'md-source' });
  const lines = [];
  let position = 0;
  for (const line of source.split('\n')) {
    lines.push({ line, start: position });
    position += line.length + 1;
  }
  /** @type {HTMLElement | null} */
  let paragraph = null;
  /** @type {HTMLElement | null} */
  let list = null;
  const close = () => { paragraph = null; list = null; };
  for (let index = 0; index < lines.length; index += 1) {
    const { line, start } = /** @type {{ line: string, start: number }} */ (lines[index]);
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      close();
      const code = h('code');
      let next = index + 1;
      while (next < lines.length && !(lines[next]?.line ?? '').trimStart().startsWith(fence[1] ?? '```')) {
        const entry = /** @type {{ line: string, start: number }} */ (lines[next]);
        code.append(textNode(placed, `${entry.line}\n`, entry.start));
        next += 1;
      }
      root.append(h('pre', null, code));
      index = next;
      continue;
    }
    if (line.trim() === '') { close(); continue; }
    const heading = /^( {0,3}(#{1,6})\s+)(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      close();
      const level = Math.min(6, (heading[2] ?? '#').length + 2);
      root.append(h(/** @type {'h3'} */ (`h${level}`), { class: 'md-heading' }, inline(placed, heading[3] ?? '', start + (heading[1] ?? '').length)));
      continue;
    }
    if (/^ {0,3}([-*_])( *\1){2,} *$/.test(line)) { close(); root.append(h('hr')); continue; }
    const item = /^(\s*([-*+]|\d{1,9}[.)])\s+)(.*)$/.exec(line);
    if (item) {
      paragraph = null;
      const ordered = /\d/.test(item[2] ?? '');
      if (!list || (list.tagName === 'OL') !== ordered) { list = h(ordered ? 'ol' : 'ul'); root.append(list); }
      list.append(h('li', null, inline(placed, item[3] ?? '', start + (item[1] ?? '').length)));
      continue;
    }
    const quote = /^( {0,3}>\s?)(.*)$/.exec(line);
    const content = quote ? quote[2] ?? '' : line;
    const contentStart = start + (quote ? (quote[1] ?? '').length : 0);
    if (!paragraph || (paragraph.tagName === 'BLOCKQUOTE') !== Boolean(quote)) {
      list = null;
      paragraph = h(quote ? 'blockquote' : 'p');
      root.append(paragraph);
    } else {
      paragraph.append(textNode(placed, '\n', contentStart - 1));
    }
    paragraph.append(...inline(placed, content, contentStart));
  }
  return root;
}

/**
 * Wraps source characters [start, end) in <mark> elements (the first has id `source-rendered-mark`).
 * @param {Placed[]} placed
 * @param {number} start
 * @param {number} end
 * @returns {HTMLElement[]}
 */
function markRange(placed, start, end) {
  /** @type {HTMLElement[]} */
  const marks = [];
  for (const { node, offset } of placed) {
    const length = node.data.length;
    const from = Math.max(0, start - offset);
    const to = Math.min(length, end - offset);
    if (to <= from) continue;
    let target = node;
    if (from > 0) target = target.splitText(from);
    if (to - from < target.data.length) target.splitText(to - from);
    if (target.data.trim() === '' && target.data.includes('\n')) continue;
    const mark = h('mark', { class: 'source-hit' });
    target.replaceWith(mark);
    mark.append(target);
    marks.push(mark);
  }
  if (marks[0]) marks[0].id = 'source-rendered-mark';
  return marks;
}

/**
 * The rendered source with the span marked.
 * @param {{ format: 'markdown' | 'text', text: string, start: number, end: number }} source
 * @returns {{ element: HTMLElement, marks: HTMLElement[] }}
 */
export function renderSource(source) {
  /** @type {Placed[]} */
  const placed = [];
  const element = source.format === 'markdown'
    ? renderMarkdown(placed, source.text)
    : h('div', { class: 'txt-source' }, textNode(placed, source.text, 0));
  const marks = markRange(placed, source.start, source.end);
  return { element, marks };
}
