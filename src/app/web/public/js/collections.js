// @ts-check
/**
 * Collections in the browser: the scope picker in the chat header ("All documents" or one collection)
 * and the Collections card of the Documents tab (create with an optional system prompt, delete,
 * and tick documents in or out of the collection being edited).
 */
import { api, messageOf } from './api.js';
import { byId, fieldById, h, selectById, toast } from './dom.js';
/** @import { Collection, CollectionsResponse } from './types.js' */

/** @type {Collection[]} */
let collections = [];
/** @type {Array<() => void>} */
const listeners = [];

/** The collection the chat is scoped to (its id), or null for the whole library. */
export function chatCollection() {
  return selectById('chat-collection').value || null;
}

/** The collection the Documents tab edits, or null. */
export function editedCollection() {
  const id = selectById('collection-edit').value;
  return collections.find((c) => c.id === id) ?? null;
}

/** @param {() => void} listener called after the collections were reloaded */
export function onCollectionsChanged(listener) { listeners.push(listener); }

/**
 * @param {HTMLSelectElement} select
 * @param {string} emptyLabel
 */
function fillSelect(select, emptyLabel) {
  const current = select.value;
  select.replaceChildren(h('option', { value: '' }, emptyLabel),
    ...collections.map((c) => h('option', { value: c.id }, `${c.name} (${c.documentIds.length})`)));
  select.value = collections.some((c) => c.id === current) ? current : '';
}

export async function refreshCollections() {
  try {
    /** @type {CollectionsResponse} */
    const response = await api('/api/collections');
    ({ collections } = response);
  } catch { collections = []; }
  fillSelect(selectById('chat-collection'), 'All documents');
  fillSelect(selectById('collection-edit'), 'Choose a collection…');
  const edited = editedCollection();
  byId('collection-delete').hidden = !edited;
  byId('collection-prompt-view').textContent = edited ? (edited.systemPrompt ? `System prompt: ${edited.systemPrompt}` : 'No system prompt.') : '';
  for (const listener of listeners) listener();
}

/**
 * A checkbox that puts a document in or out of the edited collection (none is edited: disabled).
 * @param {{ id: string, file: string }} doc
 */
export function membershipToggle(doc) {
  const edited = editedCollection();
  const box = h('input', { type: 'checkbox', class: 'collection-member', 'aria-label': `${doc.file} in ${edited ? edited.name : 'the collection'}`, disabled: !edited, checked: Boolean(edited?.documentIds.includes(doc.id)) });
  box.addEventListener('change', async () => {
    if (!edited) return;
    try {
      await api(`/api/collections/${edited.id}/documents`, { method: 'POST', body: box.checked ? { add: [doc.id] } : { remove: [doc.id] } });
    } catch (error) {
      toast(messageOf(error), 'error');
    }
    await refreshCollections();
  });
  return box;
}

export function initCollections() {
  selectById('collection-edit').addEventListener('change', () => { void refreshCollections(); });
  byId('collection-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = fieldById('collection-name').value.trim();
    const systemPrompt = fieldById('collection-prompt').value.trim();
    if (!name) return;
    try {
      /** @type {Collection} */
      const created = await api('/api/collections', { method: 'POST', body: { name, ...(systemPrompt ? { systemPrompt } : {}) } });
      fieldById('collection-name').value = '';
      fieldById('collection-prompt').value = '';
      await refreshCollections();
      selectById('collection-edit').value = created.id;
      toast(`Collection ${created.name} created: tick documents below to add them.`);
    } catch (error) {
      toast(messageOf(error), 'error');
    }
    await refreshCollections();
  });
  byId('collection-delete').addEventListener('click', async () => {
    const edited = editedCollection();
    if (!edited || !window.confirm(`Delete the collection ${edited.name}? Its documents stay in the library.`)) return;
    try {
      await api(`/api/collections/${edited.id}`, { method: 'DELETE' });
      toast(`Collection ${edited.name} deleted.`);
    } catch (error) {
      toast(messageOf(error), 'error');
    }
    await refreshCollections();
  });
  void refreshCollections();
}
