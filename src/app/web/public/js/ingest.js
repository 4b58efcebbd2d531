// @ts-check
/* global XMLHttpRequest, FormData */
/**
 * The Ingest tab: drag-and-drop or pick many files; one request uploads them all. Each file has
 * its own progress bar (upload bytes, then ingestion stages streamed back as NDJSON) and its
 * own result or error.
 */
import { ApiError, api, authHeaders, messageOf } from './api.js';
import { byId, formById, h, inputById, selectById } from './dom.js';
import { needsPassword, webMessage } from './web-messages.js';
/** @import { DocumentResult, DocumentResults, ErrorBody, FailedResponse, UploadEvent } from './types.js' */

/**
 * One row of the upload list and how it changes.
 * @typedef {object} UploadRow
 * @property {HTMLLIElement} row
 * @property {(state: string, text: string, fraction?: number) => void} set `fraction` of the bar, 0–1
 * @property {(failure: ErrorBody) => void} fail
 */

/** Stage names for people (keyed by string: a newer server may report a stage this page does not know). */
/** @type {Record<string, string>} */
const STAGES = { read: 'reading', ocr: 'OCR', parse: 'parsing', propositionize: 'finding propositions', embed: 'embedding', index: 'indexing', done: 'done' };
/** @type {Record<string, number>} */
const STAGE_SHARE = { read: 0.1, ocr: 0.1, parse: 0.3, propositionize: 0.5, embed: 0.7, index: 0.9, done: 1 };
let onIngested = () => {};

/**
 * @param {{ name: string }} file a File, or the URL being fetched
 * @returns {UploadRow}
 */
function fileRow(file) {
  const progress = h('progress', { max: '100', value: '0', 'aria-label': `Progress of ${file.name}` });
  const status = h('span', { class: 'upload-status', text: 'waiting' });
  const error = h('p', { class: 'error-text upload-error', hidden: true });
  const row = h('li', { class: 'upload-item', dataset: { file: file.name, status: 'waiting' } },
    h('div', { class: 'upload-line' }, h('span', { class: 'upload-name', text: file.name }), status), progress, error);
  return {
    row,
    /**
     * @param {string} state
     * @param {string} text
     * @param {number} [fraction]
     */
    set(state, text, fraction) {
      row.dataset.status = state;
      status.textContent = text;
      if (fraction !== undefined) progress.value = Math.round(fraction * 100);
    },
    /** @param {ErrorBody} failure */
    fail(failure) {
      this.set('failed', 'failed', 1);
      error.replaceChildren(webMessage(failure), ' ', h('span', { class: 'error-code muted small', text: `(${failure.code})` }));
      error.hidden = false;
      row.querySelector('.retry-row')?.remove();
      if (needsPassword(failure)) row.append(passwordRetry(file.name, this));
    },
  };
}

/**
 * A password field and Retry for an encrypted PDF: retries the kept original (no new upload).
 * @param {string} fileName
 * @param {Pick<UploadRow, 'set' | 'fail'>} rowApi
 */
function passwordRetry(fileName, rowApi) {
  const id = `retry-${Math.random().toString(36).slice(2, 10)}`;
  const input = h('input', { type: 'password', id, autocomplete: 'off' });
  const button = h('button', { type: 'submit', class: 'button primary small', text: 'Retry', 'aria-label': `Retry ${fileName} with this password` });
  const form = h('form', { class: 'row retry-row' }, h('label', { for: id, text: 'PDF password' }), input, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      /** @type {FailedResponse} */
      const { failed } = await api('/api/documents/failed');
      const failure = failed.find((f) => f.file === fileName);
      if (!failure) throw new Error(`${fileName} is no longer in the failed list. Upload it again.`);
      rowApi.set('processing', 'retrying with the password', 0.5);
      /** @type {DocumentResults} */
      const { documents } = await api(`/api/documents/failed/${failure.id}/retry`, { method: 'POST', body: { password: input.value } });
      const result = documents[0];
      if (!result) throw new TypeError(`The server sent no result for ${fileName}.`);
      if (result.status === 'failed') rowApi.fail(result.error);
      else { form.remove(); rowApi.set(result.status, describe(result), 1); onIngested(); }
    } catch (caught) {
      rowApi.fail({ code: caught instanceof ApiError ? caught.code : 'PROPO_ERR_INTERNAL', message: messageOf(caught) });
    }
    button.disabled = false;
  });
  return form;
}

/**
 * "9 ingested, 1 failed" (unchanged only when there are some).
 * @param {Array<{ status: string }>} results
 */
export function summarize(results) {
  const count = (/** @type {string} */ s) => results.filter((d) => d.status === s).length;
  return [`${count('ingested')} ingested`, count('unchanged') ? `${count('unchanged')} unchanged` : '', `${count('failed')} failed`].filter(Boolean).join(', ');
}

/**
 * @param {string} text
 * @param {'running' | 'done' | 'partial' | 'failed'} state
 */
function setSummary(text, state) {
  const summary = byId('ingest-summary');
  summary.textContent = text;
  summary.dataset.state = state;
}

const plural = (/** @type {number} */ n, /** @type {string} */ word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** @param {DocumentResult} result */
function describe(result) {
  const counts = `${plural(result.pages, 'page')} · ${plural(result.propositions, 'proposition')}`;
  return result.status === 'unchanged' ? `already ingested · ${counts}` : `ingested · ${counts}`;
}

/** @param {File[]} files */
export function uploadFiles(files) {
  if (files.length === 0) return;
  const rows = files.map(fileRow);
  byId('upload-list').prepend(...rows.map((r) => r.row));
  const form = new FormData();
  const password = inputById('pdf-password').value;
  if (password) form.append('password', password);
  const ocr = selectById('ocr-mode').value;
  if (ocr) form.append('ocr', ocr);
  for (const file of files) form.append('files', file, file.name);
  // Multipart parts go out in order, so bytes sent map onto files by their cumulative sizes.
  /** @type {number[]} */
  const ends = [];
  files.reduce((sum, file) => { ends.push(sum + file.size); return sum + file.size; }, 0);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/documents');
  xhr.setRequestHeader('accept', 'application/x-ndjson');
  for (const [name, value] of Object.entries(authHeaders('POST'))) xhr.setRequestHeader(name, value);
  xhr.upload.addEventListener('progress', (event) => {
    // `ends` has one entry per row (there is at least one file), so the fallbacks never apply.
    const sent = event.loaded * ((ends.at(-1) ?? 0) / Math.max(event.total, 1));
    rows.forEach((row, i) => {
      const start = i === 0 ? 0 : ends[i - 1] ?? 0;
      const share = Math.min(1, Math.max(0, (sent - start) / Math.max(1, (ends[i] ?? 0) - start)));
      if (row.row.dataset.status === 'waiting' || row.row.dataset.status === 'uploading') row.set('uploading', `uploading ${Math.round(share * 100)}%`, share * 0.5);
    });
  });
  xhr.upload.addEventListener('load', () => rows.forEach((row) => { if (row.row.dataset.status === 'uploading' || row.row.dataset.status === 'waiting') row.set('queued', 'queued for processing', 0.5); }));
  let seen = 0;
  const handleLines = () => {
    const text = xhr.responseText;
    const lines = text.slice(seen).split('\n');
    const complete = lines.slice(0, -1);
    seen += complete.reduce((n, line) => n + line.length + 1, 0);
    for (const line of complete) handleEvent(JSON.parse(line));
  };
  /** @type {DocumentResult[]} */
  const finished = [];
  const handleEvent = (/** @type {UploadEvent} */ event) => {
    const row = 'index' in event ? rows[event.index] : undefined;
    if (event.type === 'file-start' && row) row.set('processing', 'processing', 0.5);
    else if (event.type === 'file-progress' && row && event.stage === 'ocr') {
      // OCR is slow (seconds per page): its pages fill the bar between reading and parsing.
      const share = (event.ocrDone ?? 0) / Math.max(1, event.ocrPages ?? 0);
      row.set('processing', `OCR page ${event.ocrDone}/${event.ocrPages}`, 0.5 + (0.1 + share * 0.2) * 0.5);
    } else if (event.type === 'file-progress' && row) row.set('processing', STAGES[event.stage] ?? event.stage, 0.5 + (STAGE_SHARE[event.stage] ?? 0) * 0.5);
    else if (event.type === 'file-end' && row) {
      if (event.result.status === 'failed') row.fail(event.result.error);
      else row.set(event.result.status, describe(event.result), 1);
      finished.push(event.result);
      if (finished.length < rows.length) setSummary(`${finished.length} of ${rows.length} done: ${summarize(finished)}…`, 'running');
    } else if (event.type === 'done') {
      const failures = event.documents.filter((d) => d.status === 'failed').length;
      setSummary(`${summarize(event.documents)}.`, failures === 0 ? 'done' : failures === event.documents.length ? 'failed' : 'partial');
      onIngested();
    }
  };
  xhr.addEventListener('progress', handleLines);
  xhr.addEventListener('load', () => {
    if (xhr.status >= 200 && xhr.status < 300) { handleLines(); return; }
    /** @type {ErrorBody} */
    let failure = { code: `HTTP_${xhr.status}`, message: `Upload failed (HTTP ${xhr.status}).` };
    try { failure = JSON.parse(xhr.responseText).error ?? failure; } catch { /* keep the generic message */ }
    rows.forEach((row) => { if (!['ingested', 'unchanged', 'failed'].includes(row.row.dataset.status ?? '')) row.fail(failure); });
    setSummary(`The upload was refused: ${webMessage(failure)}`, 'failed');
  });
  xhr.addEventListener('error', () => {
    rows.forEach((row) => row.fail({ code: 'NETWORK', message: 'The connection failed. Check the server and retry.' }));
    setSummary('The connection failed. Check the server and retry.', 'failed');
  });
  setSummary(`Uploading ${files.length} file${files.length === 1 ? '' : 's'}…`, 'running');
  xhr.send(form);
}

/**
 * Fetches one web page on the server (SSRF-checked there) and shows it as an upload row.
 * @param {string} url
 */
export async function addUrl(url) {
  const row = fileRow({ name: url });
  byId('upload-list').prepend(row.row);
  row.set('processing', 'fetching', 0.3);
  const ocr = selectById('ocr-mode').value;
  try {
    /** @type {DocumentResults} */
    const { documents } = await api('/api/documents/url', { method: 'POST', body: { url, ...(ocr ? { ocr } : {}) } });
    const result = documents[0];
    if (!result) throw new TypeError(`The server sent no result for ${url}.`);
    if (result.status === 'failed') row.fail(result.error);
    else row.set(result.status, `${describe(result)} · ${result.file}`, 1);
    onIngested();
  } catch (error) {
    row.fail({ code: error instanceof ApiError ? error.code : 'PROPO_ERR_INTERNAL', message: messageOf(error) });
  }
}

/** @param {{ onIngested?: () => void }} [options] */
export function initIngest(options = {}) {
  onIngested = options.onIngested ?? onIngested;
  formById('url-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const field = inputById('url-input');
    const url = field.value.trim();
    if (url) { field.value = ''; void addUrl(url); }
  });
  const zone = byId('drop-zone');
  const input = inputById('file-input');
  input.addEventListener('change', () => { uploadFiles([...(input.files ?? [])]); input.value = ''; });
  zone.addEventListener('click', () => input.click());
  zone.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); input.click(); } });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    uploadFiles([...(event.dataTransfer?.files ?? [])]);
  });
}
