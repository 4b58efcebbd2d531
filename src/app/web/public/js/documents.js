// @ts-check
/**
 * The Documents tab: failed uploads with their error and a retry (from the kept original, with a password
 * field for an encrypted PDF; else "upload it again"), search by name and text, sort, server-side paging,
 * view pages, re-ingest and delete.
 */
import { api, messageOf } from './api.js';
import { membershipToggle, onCollectionsChanged } from './collections.js';
import { buttonById, byId, fieldById, formatDate, formatNumber, h, inputById, part, selectById, toast } from './dom.js';
import { needsPassword, webMessage } from './web-messages.js';
/** @import { DocumentPages, DocumentResults, DocumentsPage, DocumentSummary, FailedIngestion, FailedResponse } from './types.js' */

let searchTimer = 0;
/** Documents per page of the table. */
export const PAGE_SIZE = 20;
let offset = 0;

/** @param {FailedIngestion} failure */
function failedRow(failure) {
  const error = { code: failure.errorCode, message: failure.errorMessage };
  const slug = failure.id;
  const message = h('p', { class: 'error-text upload-error', text: failure.kept ? webMessage(error) : `${webMessage(error)} The file was not kept: upload it again in the Ingest tab.` });
  const password = needsPassword(error) && failure.kept
    ? h('input', { type: 'password', id: `retry-password-${slug}`, autocomplete: 'off', 'aria-label': `Password of ${failure.file}` }) : null;
  const retry = failure.kept ? h('button', { type: 'button', class: 'button primary small', 'aria-label': `Retry ${failure.file}`, text: 'Retry',
    onclick: async (/** @type {Event} */ event) => {
      const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
      button.disabled = true;
      button.textContent = 'Retrying…';
      try {
        /** @type {DocumentResults} */
        const { documents } = await api(`/api/documents/failed/${failure.id}/retry`, { method: 'POST', body: password?.value ? { password: password.value } : {} });
        const result = documents[0];
        if (result?.status === 'failed') toast(`${failure.file}: ${webMessage(result.error)}`, 'error');
        else toast(`${failure.file} ingested: ${result?.pages ?? 0} pages.`, 'success');
      } catch (caught) {
        toast(messageOf(caught), 'error');
      }
      await refreshDocuments();
    } }) : null;
  const dismiss = h('button', { type: 'button', class: 'button subtle small', 'aria-label': `Dismiss ${failure.file}`, text: 'Dismiss',
    onclick: async () => {
      await api(`/api/documents/failed/${failure.id}`, { method: 'DELETE' }).catch((/** @type {unknown} */ caught) => toast(messageOf(caught), 'error'));
      await refreshDocuments();
    } });
  return h('li', { class: 'upload-item', dataset: { file: failure.file, status: 'failed', failure: failure.id } },
    h('div', { class: 'upload-line' }, h('span', { class: 'upload-name', text: failure.file }),
      h('span', { class: 'upload-status', text: `failed ${formatDate(failure.failedAt)}${failure.attempts > 1 ? ` · ${failure.attempts} tries` : ''}` })),
    message,
    h('div', { class: 'row' },
      password ? h('label', { for: password.id, text: 'PDF password' }) : null, password, retry, dismiss,
      h('span', { class: 'muted small', text: failure.errorCode })));
}

async function refreshFailed() {
  try {
    /** @type {FailedResponse} */
    const { failed } = await api('/api/documents/failed');
    byId('failed-list').replaceChildren(...failed.map(failedRow));
    byId('failed-title').textContent = `Failed uploads (${failed.length})`;
    byId('failed-card').hidden = failed.length === 0;
  } catch {
    byId('failed-card').hidden = true;
  }
}

/** @param {DocumentSummary} doc */
async function viewPages(doc) {
  const viewer = byId('page-viewer');
  const select = selectById('page-select');
  /** @type {DocumentPages} */
  const { pages } = await api(`/api/documents/${doc.id}/pages`);
  byId('page-viewer-title').textContent = `${doc.file} — ${pages.length} page${pages.length === 1 ? '' : 's'}`;
  select.replaceChildren(...pages.map((p) => h('option', { value: String(p.number) }, `Page ${p.number}`)));
  const show = () => { byId('page-text').textContent = pages.find((p) => String(p.number) === select.value)?.text ?? ''; };
  select.onchange = show;
  show();
  viewer.hidden = false;
  viewer.scrollIntoView({ block: 'nearest' });
}

/**
 * @param {DocumentSummary} doc
 * @param {HTMLButtonElement} button
 */
async function reingest(doc, button) {
  button.disabled = true;
  button.textContent = 'Re-ingesting…';
  try {
    /** @type {DocumentResults} */
    const { documents } = await api(`/api/documents/${doc.id}/reingest`, { method: 'POST', body: {} });
    const result = documents[0];
    if (!result) throw new TypeError(`The server sent no result for ${doc.file}.`);
    toast(result.status === 'failed' ? `${doc.file}: ${result.error.message}` : `${doc.file} re-ingested: ${result.propositions} propositions.`, result.status === 'failed' ? 'error' : 'info');
  } catch (error) {
    toast(messageOf(error), 'error');
  }
  await refreshDocuments();
}

/** @param {DocumentSummary} doc */
async function remove(doc) {
  if (!window.confirm(`Delete ${doc.file} and everything derived from it?`)) return;
  try {
    await api(`/api/documents/${doc.id}`, { method: 'DELETE' });
    toast(`${doc.file} deleted.`);
    byId('page-viewer').hidden = true;
  } catch (error) {
    toast(messageOf(error), 'error');
  }
  await refreshDocuments();
}

/** @param {DocumentSummary} doc */
function documentRow(doc) {
  const reingestButton = h('button', { type: 'button', class: 'button subtle small', onclick: () => reingest(doc, reingestButton) }, 'Re-ingest');
  return h('tr', { dataset: { id: doc.id, file: doc.file } },
    h('td', {}, membershipToggle(doc)),
    h('td', { class: 'file-name', title: doc.originalName ? `Stored and cited as ${doc.file}` : undefined }, doc.originalName ?? doc.file,
      doc.matchedContent ? h('span', { class: 'muted small', text: ' · found in the text' }) : null),
    h('td', { class: 'num', text: formatNumber(doc.pages) }),
    h('td', { class: 'num', text: formatNumber(doc.propositions) }),
    h('td', {}, h('span', { class: `badge ${doc.status}`, text: doc.status })),
    h('td', { text: formatDate(doc.updatedAt) }),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'button subtle small', onclick: () => viewPages(doc).catch((/** @type {unknown} */ e) => toast(messageOf(e), 'error')) }, 'View pages'),
      reingestButton,
      h('button', { type: 'button', class: 'button danger small', 'aria-label': `Delete ${doc.file}`, onclick: () => remove(doc) }, 'Delete')));
}

export async function refreshDocuments() {
  const body = part(byId('documents-table'), 'tbody');
  const query = fieldById('document-search').value.trim();
  const content = inputById('document-search-content').checked;
  const [sort, direction] = selectById('document-sort').value.split('-');
  const params = new URLSearchParams({ sort: sort ?? 'date', limit: String(PAGE_SIZE), offset: String(offset) });
  if (direction) params.set('order', direction);
  if (query) params.set('query', query);
  if (query && content) params.set('content', 'true');
  void refreshFailed();
  try {
    /** @type {DocumentsPage} */
    const { documents, total } = await api(`/api/documents?${params}`);
    if (documents.length === 0 && offset > 0 && total > 0) {
      offset = Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
      return refreshDocuments();
    }
    body.replaceChildren(...documents.map(documentRow));
    byId('documents-status').textContent = total === 0
      ? (query ? `No document ${content ? 'name or text' : 'name'} contains “${query}”.` : 'No documents yet. Add some in the Ingest tab.')
      : `${total} document${total === 1 ? '' : 's'}${query ? ` match “${query}”` : ''}.`;
    byId('documents-range').textContent = total === 0 ? '' : `${offset + 1}–${offset + documents.length} of ${total}`;
    buttonById('documents-prev').disabled = offset === 0;
    buttonById('documents-next').disabled = offset + documents.length >= total;
  } catch (error) {
    body.replaceChildren();
    byId('documents-status').textContent = messageOf(error);
  }
  return undefined;
}

export function initDocuments() {
  onCollectionsChanged(() => { void refreshDocuments(); });
  byId('document-search').addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => { offset = 0; void refreshDocuments(); }, 200);
  });
  for (const id of ['document-search-content', 'document-sort']) byId(id).addEventListener('change', () => { offset = 0; void refreshDocuments(); });
  byId('documents-prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); void refreshDocuments(); });
  byId('documents-next').addEventListener('click', () => { offset += PAGE_SIZE; void refreshDocuments(); });
  byId('page-viewer-close').addEventListener('click', () => { byId('page-viewer').hidden = true; });
}
