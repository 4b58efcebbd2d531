// @ts-check
/**
 * The source viewer: for a PDF, the rendered page with the cited characters boxed (pdf-page.js), next to the
 * page text with the exact span marked and its paragraph; zoom, previous/next citation of the same answer,
 * and the original file. On a phone it is a sheet over the chat; closing it returns focus to the chip.
 */
import { ApiError, api, messageOf } from './api.js';
import { buttonById, byId, h } from './dom.js';
import { pageWidth, renderPdfPage } from './pdf-page.js';
import { renderSource } from './source-render.js';
/** @import { PdfSpanAnswer, ResolvedSpan, SpanItem, TextSource } from './types.js' */

const ZOOM_STEP = 1.25;
const MIN_SCALE = 0.4;
const MAX_SCALE = 4;

/** @type {{ markers: string[], index: number, scale: number | null, pdf: null | { url: string, page: number, items: SpanItem[] }, opener: HTMLElement | null }} */
const state = { markers: [], index: 0, scale: null, pdf: null, opener: null };
let generation = 0;

function showTools() {
  const many = state.markers.length > 1;
  buttonById('source-prev').disabled = !many || state.index === 0;
  buttonById('source-next').disabled = !many || state.index >= state.markers.length - 1;
  byId('source-position').textContent = state.markers.length > 0 ? `Citation ${state.index + 1} of ${state.markers.length}` : '';
  byId('source-zoom-tools').hidden = state.pdf === null;
  byId('source-zoom').textContent = state.scale === null ? '' : `${Math.round(state.scale * 100)} %`;
}

/** Draws the PDF page at the current scale (fit to width the first time). */
async function drawPdf() {
  const pdf = state.pdf;
  if (!pdf) return;
  const mine = generation;
  const status = byId('source-render-status');
  const scroller = byId('pdf-scroll');
  try {
    if (state.scale === null) {
      const width = await pageWidth(pdf.url, pdf.page);
      state.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (scroller.clientWidth - 16) / width));
    }
    showTools();
    const boxes = await renderPdfPage(byId('pdf-page'), { url: pdf.url, pageNumber: pdf.page, items: pdf.items, scale: state.scale });
    if (mine !== generation) return;
    status.textContent = boxes.length > 0 ? '' : 'The cited text could not be located on the page image; it is marked in the page text below.';
    const first = boxes[0];
    if (first) {
      scroller.scrollTop = Math.max(0, first.offsetTop - scroller.clientHeight / 3);
      scroller.scrollLeft = Math.max(0, first.offsetLeft - 16);
    }
  } catch (error) {
    if (mine === generation) status.textContent = `The page could not be drawn (${messageOf(error)}); the page text is below.`;
  }
}

/** @param {ResolvedSpan} source the resolved citation */
async function showRendered(source) {
  const section = byId('source-rendered');
  const previousUrl = state.pdf?.url ?? null;
  state.pdf = null;
  showTools();
  byId('pdf-page').replaceChildren();
  byId('source-render-status').textContent = '';
  const original = /** @type {HTMLAnchorElement} */ (byId('source-original'));
  original.href = `/api/documents/${encodeURIComponent(source.documentId)}/original`;
  original.hidden = false;
  section.hidden = true;
  byId('source-doc').replaceChildren();
  byId('source-doc').hidden = true;
  byId('pdf-scroll').hidden = false;
  const mine = generation;
  if (/\.(md|markdown|txt|text)$/i.test(source.file)) {
    section.hidden = false;
    byId('pdf-scroll').hidden = true;
    byId('source-rendered-title').textContent = /\.txt$|\.text$/i.test(source.file) ? 'Document' : 'Document (rendered Markdown)';
    try {
      /** @type {TextSource} */
      const text = await api(`/api/citations/source?marker=${encodeURIComponent(`[${source.file}:${source.page}:${source.start}-${source.end}]`)}`);
      if (mine !== generation) return;
      const { element, marks } = renderSource(text);
      const box = byId('source-doc');
      box.replaceChildren(element);
      box.hidden = false;
      const first = marks[0];
      if (first) box.scrollTop = Math.max(0, first.offsetTop - box.clientHeight / 3);
    } catch (error) {
      if (mine === generation) byId('source-render-status').textContent = `The rendered document is not available (${messageOf(error)}); the page text is below.`;
    }
    return;
  }
  if (!/\.pdf$/i.test(source.file)) return;
  byId('source-rendered-title').textContent = 'Page';
  section.hidden = false;
  byId('source-render-status').textContent = 'Drawing the page…';
  try {
    /** @type {PdfSpanAnswer} */
    const located = await api(`/api/citations/pdf-items?marker=${encodeURIComponent(`[${source.file}:${source.page}:${source.start}-${source.end}]`)}`);
    if (mine !== generation) return;
    if (!located.matches) {
      byId('source-render-status').textContent = 'This document was read by an older version; re-ingest it to see the highlight on the page image.';
    }
    if (located.originalUrl !== previousUrl) state.scale = null;
    state.pdf = { url: located.originalUrl, page: source.page, items: located.matches ? located.items : [] };
    await drawPdf();
  } catch (error) {
    if (mine === generation) byId('source-render-status').textContent = `The page image is not available (${messageOf(error)}); the page text is below.`;
  }
}

/**
 * Opens the viewer on `marker`; `markers` are the citations of the same answer (for previous/next).
 * @param {string} marker
 * @param {{ markers?: string[], opener?: HTMLElement | null }} [options]
 */
export async function openSource(marker, options = {}) {
  generation += 1;
  const mine = generation;
  if (options.markers) state.markers = options.markers;
  if (!state.markers.includes(marker)) state.markers = [marker];
  state.index = state.markers.indexOf(marker);
  if (options.opener !== undefined) state.opener = options.opener;
  const viewer = byId('source-viewer');
  viewer.hidden = false;
  document.body.classList.add('source-open');
  byId('source-meta').textContent = `Loading ${marker}…`;
  byId('source-paragraph').replaceChildren();
  byId('source-page').replaceChildren();
  showTools();
  try {
    /** @type {ResolvedSpan} */
    const source = await api(`/api/citations/resolve?marker=${encodeURIComponent(marker)}`);
    if (mine !== generation) return;
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
    await showRendered(source);
  } catch (error) {
    if (mine !== generation) return;
    byId('source-title').textContent = 'Source';
    byId('source-meta').textContent = error instanceof ApiError && error.code === 'PROPO_ERR_NOT_FOUND' ? 'This source is no longer in your documents.' : messageOf(error);
    byId('source-rendered').hidden = true;
    byId('source-original').hidden = true;
  }
}

export function closeSource() {
  generation += 1;
  byId('source-viewer').hidden = true;
  document.body.classList.remove('source-open');
  const opener = state.opener;
  state.opener = null;
  if (opener?.isConnected) opener.focus();
  else byId('question').focus();
}

/** @param {number} step */
function move(step) {
  const next = state.markers[state.index + step];
  if (next !== undefined) void openSource(next);
}

/** @param {number} factor */
function zoom(factor) {
  if (state.scale === null) return;
  state.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, state.scale * factor));
  void drawPdf();
}

export function initSourceViewer() {
  byId('source-close').addEventListener('click', closeSource);
  byId('source-viewer').addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); closeSource(); } });
  byId('source-prev').addEventListener('click', () => move(-1));
  byId('source-next').addEventListener('click', () => move(1));
  byId('source-zoom-in').addEventListener('click', () => zoom(ZOOM_STEP));
  byId('source-zoom-out').addEventListener('click', () => zoom(1 / ZOOM_STEP));
}

/** The citations of the answer that holds `chip`, in order, each once. */
/** @param {HTMLElement} chip */
function answerMarkers(chip) {
  const answer = chip.closest('.message') ?? chip.parentElement;
  const markers = [...(answer?.querySelectorAll('.citation-chip') ?? [])].map((element) => /** @type {HTMLElement} */ (element).dataset.marker ?? '');
  return [...new Set(markers.filter(Boolean))];
}

/** A citation chip: shows file and page, opens the viewer on click. */
/** @param {string} marker */
export function citationChip(marker) {
  const match = /^\[(.+):(\d+):(\d+)-(\d+)\]$/.exec(marker);
  const label = match ? `${match[1]} p.${match[2]}` : marker;
  /** @type {HTMLButtonElement} */
  const chip = h('button', {
    type: 'button', class: 'citation-chip', title: marker, 'aria-label': `Open source ${marker}`, dataset: { marker },
    onclick: () => openSource(marker, { markers: answerMarkers(chip), opener: chip }),
  }, label);
  return chip;
}
