/**
 * Minimal, safe Markdown for model output: paragraphs, bullet and numbered lists, fenced code,
 * **bold** and `code`. Everything is text nodes; citation markers become clickable chips.
 */
import { h } from './dom.js';

const CITATION = /\[([^[\]\n:]{1,200}):(\d{1,6}):(\d{1,9})-(\d{1,9})\]/g;
const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*|\[[^[\]\n:]{1,200}:\d{1,6}:\d{1,9}-\d{1,9}\])/g;

/** Inline content of one line: text, <strong>, <code> and citation chips. */
function inline(text, chip) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const token = match[0];
    if (token.startsWith('`')) out.push(h('code', { text: token.slice(1, -1) }));
    else if (token.startsWith('**')) out.push(h('strong', { text: token.slice(2, -2) }));
    else out.push(chip(token));
    last = match.index + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Renders `text` into a fragment; `chip(marker)` returns the element for a citation marker. */
export function renderMarkdown(text, chip = (marker) => marker) {
  const fragment = document.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let list = null;
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length) fragment.append(h('p', {}, paragraph.flatMap((line, i) => (i ? [h('br'), ...inline(line, chip)] : inline(line, chip)))));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim().startsWith('```')) {
      flushParagraph(); list = null;
      const code = [];
      for (i++; i < lines.length && !lines[i].trim().startsWith('```'); i++) code.push(lines[i]);
      fragment.append(h('pre', { class: 'code-block' }, h('code', { text: code.join('\n') })));
      continue;
    }
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== tag) { list = h(tag); fragment.append(list); }
      list.append(h('li', {}, inline((bullet ?? numbered)[1], chip)));
      continue;
    }
    list = null;
    if (line.trim() === '') flushParagraph();
    else paragraph.push(line);
  }
  flushParagraph();
  return fragment;
}

/** Every citation marker in a text, in order, without duplicates. */
export function citationMarkers(text) {
  return [...new Set([...text.matchAll(CITATION)].map((m) => m[0]))];
}
