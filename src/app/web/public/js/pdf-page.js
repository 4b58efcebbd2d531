// @ts-check
/**
 * The rendered PDF page in the source viewer: pdf.js (served by the app from the installed package, no CDN)
 * draws the page on a canvas with its text layer above, and the cited span is boxed character-exactly. The
 * server says which text items and which characters of each the span covers (GET /api/citations/pdf-items,
 * from the same layout that built the stored page text); a box is drawn over exactly those characters of the
 * text layer, whose spans pdf.js places and stretches over the glyphs of the page image.
 */
import { h } from './dom.js';

const PDFJS_URL = '/vendor/pdfjs/build/pdf.min.mjs';
const WORKER_URL = '/vendor/pdfjs/build/pdf.worker.min.mjs';

/**
 * pdf.js as the page loads it from /vendor/pdfjs/ (the installed pdfjs-dist, so its own declarations type it).
 * @typedef {typeof import('pdfjs-dist')} PdfJs
 */
/** @typedef {import('pdfjs-dist').PDFDocumentProxy} PdfDocument */

/** @type {Promise<PdfJs> | null} */
let pdfjsLoading = null;
/** @type {Map<string, Promise<PdfDocument>>} */
const openDocuments = new Map();

/** @returns {Promise<PdfJs>} */
function loadPdfjs() {
  const url = PDFJS_URL;
  pdfjsLoading ??= import(url).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = WORKER_URL;
    return lib;
  });
  return pdfjsLoading;
}

/** @param {string} url */
function openDocument(url) {
  let loading = openDocuments.get(url);
  if (!loading) {
    loading = (async () => {
      const lib = await loadPdfjs();
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(response.status === 404 ? 'The original file is no longer kept.' : `The original file could not be loaded (HTTP ${response.status}).`);
      const data = new Uint8Array(await response.arrayBuffer());
      return lib.getDocument({
        data, isEvalSupported: false, standardFontDataUrl: '/vendor/pdfjs/standard_fonts/', cMapUrl: '/vendor/pdfjs/cmaps/', cMapPacked: true, wasmUrl: '/vendor/pdfjs/wasm/', enableXfa: false,
      }).promise;
    })();
    loading.catch(() => openDocuments.delete(url));
    openDocuments.set(url, loading);
  }
  return loading;
}

/**
 * @typedef {object} SpanItem
 * @property {number} index text item (pdf.js getTextContent order)
 * @property {number} from first cited character in the item
 * @property {number} to end of the cited characters
 * @property {string} str the item's text as the server read it
 */

/** The width at scale 1 of page `pageNumber` (for "fit width"). */
/**
 * @param {string} url
 * @param {number} pageNumber
 * @returns {Promise<number>}
 */
export async function pageWidth(url, pageNumber) {
  const page = await (await openDocument(url)).getPage(pageNumber);
  return page.getViewport({ scale: 1 }).width;
}

/**
 * Renders the page into `container` at `scale` and boxes the cited characters. Returns the boxes drawn.
 * @param {HTMLElement} container
 * @param {{ url: string, pageNumber: number, items: SpanItem[], scale: number }} options
 * @returns {Promise<HTMLElement[]>}
 */
export async function renderPdfPage(container, { url, pageNumber, items, scale }) {
  const lib = await loadPdfjs();
  const page = await (await openDocument(url)).getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const canvas = h('canvas', { class: 'pdf-canvas', 'aria-hidden': 'true' });
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const textLayer = h('div', { class: 'textLayer' });
  const highlights = h('div', { class: 'pdf-highlights', 'aria-hidden': 'true' });
  container.replaceChildren(canvas, textLayer, highlights);
  container.style.setProperty('--scale-factor', String(scale));
  container.style.setProperty('--total-scale-factor', String(scale));
  container.style.width = `${Math.floor(viewport.width)}px`;
  container.style.height = `${Math.floor(viewport.height)}px`;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  await page.render({ canvasContext: context, canvas, viewport, ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }) }).promise;
  const layer = new lib.TextLayer({ textContentSource: await page.getTextContent(), container: textLayer, viewport });
  await layer.render();
  /** @type {HTMLElement[]} */
  const divs = layer.textDivs;
  divs.forEach((div, index) => { div.dataset.item = String(index); });
  const origin = container.getBoundingClientRect();
  /** @type {HTMLElement[]} */
  const boxes = [];
  for (const item of items) {
    const div = divs[item.index];
    const node = div?.firstChild;
    if (!div || !node || !div.isConnected) continue;
    // The server read the same pdf.js items; if this one differs (another pdf.js font fix), box the whole item.
    const exact = div.textContent === item.str;
    const range = document.createRange();
    range.setStart(node, exact ? item.from : 0);
    range.setEnd(node, exact ? item.to : (node.textContent ?? '').length);
    for (const rect of range.getClientRects()) {
      if (rect.width < 0.5 || rect.height < 0.5) continue;
      const box = h('div', { class: 'pdf-box', dataset: { item: String(item.index), from: String(item.from), to: String(item.to), exact: String(exact) } });
      box.style.left = `${rect.left - origin.left}px`;
      box.style.top = `${rect.top - origin.top}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
      highlights.append(box);
      boxes.push(box);
    }
  }
  return boxes;
}
