// @ts-check
/** The Documents tab: search, view pages, re-ingest and delete. */
import { api } from './api.js';
import { membershipToggle, onCollectionsChanged } from './collections.js';
import { byId, fieldById, formatDate, formatNumber, h, part, selectById, toast } from './dom.js';

let searchTimer = 0;

async function viewPages(doc) {
  const viewer = byId('page-viewer');
  const select = selectById('page-select');
  const { pages } = await api(`/api/documents/${doc.id}/pages`);
  byId('page-viewer-title').textContent = `${doc.file} — ${pages.length} page${pages.length === 1 ? '' : 's'}`;
  select.replaceChildren(...pages.map((p) => h('option', { value: String(p.number) }, `Page ${p.number}`)));
  const show = () => { byId('page-text').textContent = pages.find((p) => String(p.number) === select.value)?.text ?? ''; };
  select.onchange = show;
  show();
  viewer.hidden = false;
  viewer.scrollIntoView({ block: 'nearest' });
}

async function reingest(doc, button) {
  button.disabled = true;
  button.textContent = 'Re-ingesting…';
  try {
    const { documents } = await api(`/api/documents/${doc.id}/reingest`, { method: 'POST', body: {} });
    const result = documents[0];
    toast(result.status === 'failed' ? `${doc.file}: ${result.error.message}` : `${doc.file} re-ingested: ${result.propositions} propositions.`, result.status === 'failed' ? 'error' : 'info');
  } catch (error) {
    toast(error.message, 'error');
  }
  await refreshDocuments();
}

async function remove(doc) {
  if (!window.confirm(`Delete ${doc.file} and everything derived from it?`)) return;
  try {
    await api(`/api/documents/${doc.id}`, { method: 'DELETE' });
    toast(`${doc.file} deleted.`);
    byId('page-viewer').hidden = true;
  } catch (error) {
    toast(error.message, 'error');
  }
  await refreshDocuments();
}

function documentRow(doc) {
  const reingestButton = h('button', { type: 'button', class: 'button subtle small', onclick: () => reingest(doc, reingestButton) }, 'Re-ingest');
  return h('tr', { dataset: { id: doc.id, file: doc.file } },
    h('td', {}, membershipToggle(doc)),
    h('td', { class: 'file-name', text: doc.originalName ?? doc.file, title: doc.originalName ? `Stored and cited as ${doc.file}` : undefined }),
    h('td', { class: 'num', text: formatNumber(doc.pages) }),
    h('td', { class: 'num', text: formatNumber(doc.propositions) }),
    h('td', {}, h('span', { class: `badge ${doc.status}`, text: doc.status })),
    h('td', { text: formatDate(doc.updatedAt) }),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'button subtle small', onclick: () => viewPages(doc).catch((e) => toast(e.message, 'error')) }, 'View pages'),
      reingestButton,
      h('button', { type: 'button', class: 'button danger small', 'aria-label': `Delete ${doc.file}`, onclick: () => remove(doc) }, 'Delete')));
}

export async function refreshDocuments() {
  const body = part(byId('documents-table'), 'tbody');
  const query = fieldById('document-search').value.trim();
  try {
    const { documents } = await api(`/api/documents${query ? `?query=${encodeURIComponent(query)}` : ''}`);
    body.replaceChildren(...documents.map(documentRow));
    byId('documents-status').textContent = documents.length === 0
      ? (query ? `No document name contains “${query}”.` : 'No documents yet. Add some in the Ingest tab.')
      : `${documents.length} document${documents.length === 1 ? '' : 's'}.`;
  } catch (error) {
    body.replaceChildren();
    byId('documents-status').textContent = error.message;
  }
}

export function initDocuments() {
  onCollectionsChanged(() => { void refreshDocuments(); });
  byId('document-search').addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(refreshDocuments, 200);
  });
  byId('page-viewer-close').addEventListener('click', () => { byId('page-viewer').hidden = true; });
}
