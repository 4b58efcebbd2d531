// @ts-check
/** The source viewer: the cited page with the exact span highlighted, plus its paragraph. */
import { api } from './api.js';
import { byId, h } from './dom.js';

export async function openSource(marker) {
  const viewer = byId('source-viewer');
  viewer.hidden = false;
  byId('source-meta').textContent = `Loading ${marker}…`;
  byId('source-paragraph').replaceChildren();
  byId('source-page').replaceChildren();
  try {
    const source = await api(`/api/citations/resolve?marker=${encodeURIComponent(marker)}`);
    byId('source-title').textContent = source.file;
    byId('source-meta').textContent = `Page ${source.page}, characters ${source.start}–${source.end}`;
    const paragraph = source.paragraph;
    if (paragraph) {
      const from = source.start - paragraph.start;
      const to = source.end - paragraph.start;
      byId('source-paragraph').replaceChildren(paragraph.text.slice(0, from), h('mark', { text: paragraph.text.slice(from, to) }), paragraph.text.slice(to));
    } else {
      byId('source-paragraph').textContent = '(no paragraph)';
    }
    const mark = h('mark', { id: 'source-mark', dataset: { start: source.start, end: source.end }, text: source.pageText.slice(source.start, source.end) });
    const page = byId('source-page');
    page.replaceChildren(source.pageText.slice(0, source.start), mark, source.pageText.slice(source.end));
    // Scroll only the page box (scrollIntoView would also move the window and the viewer).
    page.scrollTop = Math.max(0, mark.offsetTop - page.clientHeight / 3);
    byId('source-viewer').scrollTop = 0;
  } catch (error) {
    byId('source-title').textContent = 'Source';
    byId('source-meta').textContent = error.code === 'PROPO_ERR_NOT_FOUND' ? 'This source is no longer in your documents.' : error.message;
  }
}

export function initSourceViewer() {
  byId('source-close').addEventListener('click', () => { byId('source-viewer').hidden = true; });
}

/** A citation chip: shows file and page, opens the viewer on click. */
export function citationChip(marker) {
  const match = /^\[(.+):(\d+):(\d+)-(\d+)\]$/.exec(marker);
  const label = match ? `${match[1]} p.${match[2]}` : marker;
  return h('button', { type: 'button', class: 'citation-chip', title: marker, 'aria-label': `Open source ${marker}`, dataset: { marker }, onclick: () => openSource(marker) }, label);
}
