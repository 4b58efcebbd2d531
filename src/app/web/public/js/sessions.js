// @ts-check
/** The list of past chats: open, rename, delete and export. */
import { api, messageOf } from './api.js';
import { byId, h, toast } from './dom.js';
/** @import { SessionSummary, SessionsResponse } from './types.js' */

/** @type {{ open: (id: string) => void, deleted: (id: string) => void }} */
let handlers = { open: () => {}, deleted: () => {} };
/** @type {string | null} */
let activeId = null;

/** @param {string | null} id the open chat, or null for a new one */
export function setActiveSession(id) {
  activeId = id;
  for (const item of byId('session-list').children) item.classList.toggle('active', /** @type {HTMLElement} */ (item).dataset.id === id);
}

/**
 * @param {SessionSummary} session
 * @param {HTMLElement} item
 */
function renameItem(session, item) {
  const input = h('input', { value: session.title, 'aria-label': 'New chat title', class: 'rename-input' });
  const save = async () => {
    const title = input.value.trim();
    if (title && title !== session.title) await api(`/api/sessions/${session.id}`, { method: 'PATCH', body: { title } }).catch((/** @type {unknown} */ e) => toast(messageOf(e), 'error'));
    await refreshSessions();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); input.blur(); }
    if (event.key === 'Escape') { input.value = session.title; input.blur(); }
  });
  input.addEventListener('blur', save, { once: true });
  item.replaceChildren(input);
  input.focus();
  input.select();
}

/** @param {SessionSummary} session */
function sessionItem(session) {
  const item = h('li', { class: 'session-item', dataset: { id: session.id } });
  item.append(
    h('button', { type: 'button', class: 'session-open', title: session.title, onclick: () => handlers.open(session.id) }, session.title,
      session.snippet ? h('span', { class: 'session-snippet', text: session.snippet }) : null),
    h('span', { class: 'session-tools' },
      h('button', { type: 'button', class: 'icon-button', 'aria-label': `Rename ${session.title}`, title: 'Rename', onclick: () => renameItem(session, item) }, '✎'),
      h('a', { class: 'icon-button', href: `/api/sessions/${session.id}/export?format=md`, download: '', 'aria-label': `Export ${session.title} as Markdown`, title: 'Export Markdown' }, '⇩'),
      h('button', {
        type: 'button', class: 'icon-button', 'aria-label': `Delete ${session.title}`, title: 'Delete',
        onclick: async () => {
          if (!window.confirm(`Delete the chat “${session.title}”?`)) return;
          await api(`/api/sessions/${session.id}`, { method: 'DELETE' }).catch((/** @type {unknown} */ e) => toast(messageOf(e), 'error'));
          handlers.deleted(session.id);
          await refreshSessions();
        },
      }, '✕')));
  item.classList.toggle('active', session.id === activeId);
  return item;
}

/** The search box's text, trimmed ('' lists every chat). */
const searchText = () => /** @type {HTMLInputElement} */ (byId('session-search')).value.trim();

export async function refreshSessions() {
  const list = byId('session-list');
  const query = searchText();
  try {
    /** @type {SessionsResponse} */
    const { sessions } = await api(query ? `/api/sessions/search?q=${encodeURIComponent(query)}` : '/api/sessions');
    if (query !== searchText()) return;
    if (query && sessions.length === 0) { list.replaceChildren(h('li', { class: 'muted small-text', text: `No chat mentions “${query}”.` })); return; }
    list.replaceChildren(...sessions.map(sessionItem));
    if (sessions.length === 0) list.append(h('li', { class: 'muted small-text', text: 'No chats yet.' }));
  } catch (error) {
    list.replaceChildren(h('li', { class: 'error-text', text: messageOf(error) }));
  }
}

/** @param {typeof handlers} options */
export function initSessions(options) {
  handlers = options;
  let timer = 0;
  byId('session-search').addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => { void refreshSessions(); }, 200);
  });
}
