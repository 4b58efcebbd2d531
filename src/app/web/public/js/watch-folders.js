// @ts-check
/**
 * The "Watched folders" box in the Configuration tab: lists watch.folders with each folder's status from the
 * running watcher (state, last pass, files, documents, errors), adds and removes folders (PUT /api/watch, saved in
 * the settings file and applied at once). While a folder is starting (its first pass, then the watcher getting ready), the box refreshes itself.
 */
import { api } from './api.js';
import { byId, formatDate, formById, h, inputById, note } from './dom.js';
/** @import { WatchResponse, WatchStatus } from './types.js' */

/** @type {string[]} */
let folders = [];
/** @type {ReturnType<typeof setTimeout> | null} */
let refresh = null;
/**
 * Saves started, and those not answered yet: a GET started before or during a save is not shown (answered late, it
 * would undo the add or removal), and of two saves only the newer one's answer is.
 */
let saves = 0;
let savesInFlight = 0;

/** @param {WatchStatus | undefined} status */
function describeStatus(status) {
  if (!status) return 'not watched yet';
  if (status.state === 'error') return `cannot be watched: ${status.problem ?? 'unknown problem'}`;
  if (status.state === 'starting' && !status.lastPassAt) return 'first pass running…';
  const last = status.lastPassAt ? `last pass ${formatDate(status.lastPassAt)}` : 'no pass yet';
  return `${status.state} · ${last} · ${status.files} files · ${status.documents} documents · ${status.errors.length} errors`;
}

/** @param {WatchResponse} response */
function render(response) {
  folders = response.folders;
  const byFolder = new Map(response.status.map((s) => [s.folder, s]));
  const list = byId('watch-list');
  if (folders.length === 0) {
    list.replaceChildren(h('li', { class: 'muted', text: 'No watched folders. Add one below: its files are ingested, and kept in step as they change.' }));
  } else {
    list.replaceChildren(...folders.map((folder) => {
      const status = byFolder.get(folder);
      const errors = (status?.errors ?? []).map((e) => h('li', { class: 'error-text', text: `${e.path}: ${e.message} (${e.code})` }));
      return h('li', { class: 'watch-item', dataset: { folder, state: status?.state ?? 'none' } },
        h('div', { class: 'upload-line' },
          h('code', { class: 'watch-folder', text: folder }),
          h('button', { type: 'button', class: 'button subtle', 'aria-label': `Stop watching ${folder}`, onclick: () => { void save(folders.filter((f) => f !== folder)); } }, 'Remove')),
        h('p', { class: 'muted watch-status', text: describeStatus(status) }),
        errors.length > 0 ? h('ul', { class: 'watch-errors' }, errors) : null);
    }));
  }
  if (refresh) clearTimeout(refresh);
  // 'starting' lasts past the first pass until the file watcher is ready (longer on a busy machine): keep refreshing.
  const busy = folders.some((folder) => { const s = byFolder.get(folder); return !s || s.state === 'starting'; });
  refresh = busy ? setTimeout(() => { void loadWatchFolders(); }, 1000) : null;
}

/** @param {string[]} next */
async function save(next) {
  const status = byId('watch-message');
  const mine = ++saves;
  savesInFlight++;
  try {
    /** @type {WatchResponse} */
    const response = await api('/api/watch', { method: 'PUT', body: { folders: next } });
    if (mine === saves) render(response);
    note(status, response.message ?? '', 'ok');
  } catch (error) {
    note(status, error instanceof Error ? error.message : String(error), 'error');
  } finally {
    savesInFlight--;
  }
}

export async function loadWatchFolders() {
  const seen = saves;
  try {
    /** @type {WatchResponse} */
    const response = await api('/api/watch');
    if (seen === saves && savesInFlight === 0) render(response);
  } catch (error) {
    note(byId('watch-message'), error instanceof Error ? error.message : String(error), 'error');
  }
}

export function initWatchFolders() {
  formById('watch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const field = inputById('watch-input');
    const folder = field.value.trim();
    if (!folder) return;
    field.value = '';
    void save([...folders, folder]);
  });
}
