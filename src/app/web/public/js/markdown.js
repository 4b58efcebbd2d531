// @ts-check
/**
 * Minimal, safe Markdown for model output: paragraphs, bullet and numbered lists, fenced code,
 * **bold** and `code`. Everything is text nodes; citation markers become clickable chips.
 * With `sentences` (the answer's per-sentence support), each sentence is wrapped so that one
 * without a verified citation is marked visibly and for screen readers.
 */
import { h } from './dom.js';
/** @import { AnswerSentence } from './types.js' */

/** @typedef {(marker: string) => Node | string} ChipFactory the element (or text) shown for a citation marker */
/** @typedef {Pick<AnswerSentence, 'start' | 'end' | 'supported' | 'support'>} SentenceSpan */
/** @typedef {Array<Node | string>} Inline */

const CITATION = /\[([^[\]\n:]{1,200}):(\d{1,6}):(\d{1,9})-(\d{1,9})\]/g;
const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*|\[[^[\]\n:]{1,200}:\d{1,6}:\d{1,9}-\d{1,9}\])/g;

/**
 * Inline content of one line: text, <strong>, <code> and citation chips.
 * @param {string} text
 * @param {ChipFactory} chip
 * @returns {Inline}
 */
function inline(text, chip) {
  /** @type {Inline} */
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

/**
 * The element around one sentence: flagged when unsupported, its support score as a tooltip.
 * @param {SentenceSpan} sentence
 * @param {Inline} children
 */
function sentenceWrap(sentence, children) {
  if (!sentence.supported) {
    return h('span', { class: 'sentence unsupported', title: 'No verified citation: this sentence is not backed by your documents.' },
      h('span', { class: 'unsupported-badge', text: 'unsupported' }), ' ', children);
  }
  const support = typeof sentence.support === 'number' ? `${Math.round(sentence.support * 100)} %` : 'unknown';
  return h('span', { class: `sentence${sentence.support !== null && sentence.support < 0.5 ? ' weak-support' : ''}`, title: `Support ${support}`, dataset: { support: String(sentence.support ?? '') } }, children);
}

/**
 * Inline content of the line part `text` starting at `offset` in the answer, sentence by sentence.
 * @param {string} text
 * @param {number} offset
 * @param {ChipFactory} chip
 * @param {SentenceSpan[] | undefined} sentences
 * @returns {Inline}
 */
function inlineSentences(text, offset, chip, sentences) {
  if (!sentences?.length) return inline(text, chip);
  /** @type {Inline} */
  const out = [];
  let at = 0;
  for (const sentence of sentences) {
    const start = Math.max(sentence.start - offset, 0);
    const end = Math.min(sentence.end - offset, text.length);
    if (end <= start || end <= at) continue;
    if (start > at) out.push(...inline(text.slice(at, start), chip));
    out.push(sentenceWrap(sentence, inline(text.slice(Math.max(start, at), end), chip)));
    at = end;
  }
  if (at < text.length) out.push(...inline(text.slice(at), chip));
  return out;
}

/**
 * Renders `text` into a fragment; `chip(marker)` returns the element for a citation marker;
 * `options.sentences` are [{start, end, supported, support}] offsets into `text`.
 * @param {string} text
 * @param {ChipFactory} [chip]
 * @param {{ sentences?: SentenceSpan[] }} [options]
 * @returns {DocumentFragment}
 */
export function renderMarkdown(text, chip = (marker) => marker, options = {}) {
  const fragment = document.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  /** @type {number[]} */
  const starts = [];
  lines.reduce((offset, line) => { starts.push(offset); return offset + line.length + 1; }, 0);
  // `i` is always a line index here, so the fallbacks never apply.
  const render = (/** @type {number} */ i, /** @type {string} */ part) => inlineSentences(part, (starts[i] ?? 0) + (lines[i] ?? '').length - part.length, chip, options.sentences);
  /** @type {HTMLUListElement | HTMLOListElement | null} */
  let list = null;
  /** @type {Array<[number, string]>} */
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length) fragment.append(h('p', {}, paragraph.flatMap(([index, line], i) => (i ? [h('br'), ...render(index, line)] : render(index, line)))));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim().startsWith('```')) {
      flushParagraph(); list = null;
      const code = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith('```'); i++) code.push(lines[i] ?? '');
      fragment.append(h('pre', { class: 'code-block' }, h('code', { text: code.join('\n') })));
      continue;
    }
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const tag = bullet ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== tag) { list = h(tag); fragment.append(list); }
      /** @type {HTMLElement} */ (list).append(h('li', {}, render(i, item[1] ?? '')));
      continue;
    }
    list = null;
    if (line.trim() === '') flushParagraph();
    else paragraph.push([i, line]);
  }
  flushParagraph();
  return fragment;
}

/**
 * Every citation marker in a text, in order, without duplicates.
 * @param {string} text
 * @returns {string[]}
 */
export function citationMarkers(text) {
  return [...new Set([...text.matchAll(CITATION)].map((m) => m[0]))];
}
