// @ts-check
/* global XMLHttpRequest, FormData */
/**
 * The Ingest tab: drag-and-drop or pick many files; one request uploads them all. Each file has
 * its own progress bar (upload bytes, then ingestion stages streamed back as NDJSON) and its
 * own result or error.
 */
import { api, authHeaders } from './api.js';
import { byId, formById, h, inputById, selectById } from './dom.js';

const STAGES = { read: 'reading', ocr: 'OCR', parse: 'parsing', propositionize: 'finding propositions', embed: 'embedding', index: 'indexing', done: 'done' };
const STAGE_SHARE = { read: 0.1, ocr: 0.1, parse: 0.3, propositionize: 0.5, embed: 0.7, index: 0.9, done: 1 };
let onIngested = () => {};

function fileRow(file) {
  const progress = h('progress', { max: '100', value: '0', 'aria-label': `Progress of ${file.name}` });
  const status = h('span', { class: 'upload-status', text: 'waiting' });
  const error = h('p', { class: 'error-text upload-error', hidden: true });
  const row = h('li', { class: 'upload-item', dataset: { file: file.name, status: 'waiting' } },
    h('div', { class: 'upload-line' }, h('span', { class: 'upload-name', text: file.name }), status), progress, error);
  return {
    row,
    set(state, text, fraction) {
      row.dataset.status = state;
      status.textContent = text;
      if (fraction !== undefined) progress.value = Math.round(fraction * 100);
    },
    fail(message) {
      this.set('failed', 'failed', 1);
      error.textContent = message;
      error.hidden = false;
    },
  };
}

function describe(result) {
  if (result.status === 'unchanged') return `already ingested · ${result.pages} pages · ${result.propositions} propositions`;
  return `ingested · ${result.pages} pages · ${result.propositions} propositions`;
}

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
  const ends = [];
  files.reduce((sum, file) => { ends.push(sum + file.size); return sum + file.size; }, 0);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/documents');
  xhr.setRequestHeader('accept', 'application/x-ndjson');
  for (const [name, value] of Object.entries(authHeaders('POST'))) xhr.setRequestHeader(name, value);
  xhr.upload.addEventListener('progress', (event) => {
    const sent = event.loaded * (ends.at(-1) / Math.max(event.total, 1));
    rows.forEach((row, i) => {
      const start = i === 0 ? 0 : ends[i - 1];
      const share = Math.min(1, Math.max(0, (sent - start) / Math.max(1, ends[i] - start)));
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
  const handleEvent = (event) => {
    const row = rows[event.index];
    if (event.type === 'file-start' && row) row.set('processing', 'processing', 0.5);
    else if (event.type === 'file-progress' && row && event.stage === 'ocr') {
      // OCR is slow (seconds per page): its pages fill the bar between reading and parsing.
      const share = event.ocrDone / Math.max(1, event.ocrPages);
      row.set('processing', `OCR page ${event.ocrDone}/${event.ocrPages}`, 0.5 + (0.1 + share * 0.2) * 0.5);
    } else if (event.type === 'file-progress' && row) row.set('processing', STAGES[event.stage] ?? event.stage, 0.5 + (STAGE_SHARE[event.stage] ?? 0) * 0.5);
    else if (event.type === 'file-end' && row) {
      if (event.result.status === 'failed') row.fail(`${event.result.error.message} (${event.result.error.code})`);
      else row.set(event.result.status, describe(event.result), 1);
    } else if (event.type === 'done') {
      const count = (s) => event.documents.filter((d) => d.status === s).length;
      byId('ingest-summary').textContent = `${count('ingested')} ingested, ${count('unchanged')} unchanged, ${count('failed')} failed.`;
      onIngested();
    }
  };
  xhr.addEventListener('progress', handleLines);
  xhr.addEventListener('load', () => {
    if (xhr.status >= 200 && xhr.status < 300) { handleLines(); return; }
    let message = `Upload failed (HTTP ${xhr.status}).`;
    try { const body = JSON.parse(xhr.responseText); message = `${body.error.message} (${body.error.code})`; } catch { /* keep the generic message */ }
    rows.forEach((row) => { if (!['ingested', 'unchanged', 'failed'].includes(row.row.dataset.status)) row.fail(message); });
  });
  xhr.addEventListener('error', () => rows.forEach((row) => row.fail('The connection failed. Check the server and retry.')));
  byId('ingest-summary').textContent = `Uploading ${files.length} file${files.length === 1 ? '' : 's'}…`;
  xhr.send(form);
}

/** Fetches one web page on the server (SSRF-checked there) and shows it as an upload row. */
export async function addUrl(url) {
  const row = fileRow({ name: url });
  byId('upload-list').prepend(row.row);
  row.set('processing', 'fetching', 0.3);
  const ocr = selectById('ocr-mode').value;
  try {
    const { documents } = await api('/api/documents/url', { method: 'POST', body: { url, ...(ocr ? { ocr } : {}) } });
    const result = documents[0];
    if (result.status === 'failed') row.fail(`${result.error.message} (${result.error.code})`);
    else row.set(result.status, `${describe(result)} · ${result.file}`, 1);
    onIngested();
  } catch (error) {
    row.fail(error instanceof Error ? error.message : String(error));
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
