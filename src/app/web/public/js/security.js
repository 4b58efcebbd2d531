// @ts-check
/** The Security tab: shows `GET /api/security/status` when the security layer provides it. */
import { api } from './api.js';
import { byId, h, note } from './dom.js';

function valueNode(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted', text: '—' });
  if (Array.isArray(value)) return h('ul', {}, value.map((item) => h('li', {}, valueNode(item))));
  if (typeof value === 'object') return table(value);
  return h('span', { text: String(value) });
}

function table(object) {
  return h('table', { class: 'table key-value' }, h('tbody', {}, Object.entries(object).map(([key, value]) => h('tr', {}, h('th', { scope: 'row', text: key }), h('td', {}, valueNode(value))))));
}

export async function loadSecurity() {
  const panel = byId('security-panel');
  try {
    const status = await api('/api/security/status');
    panel.replaceChildren(table(status));
  } catch (error) {
    note(panel, error.status === 404 ? 'Security status is not available in this build.' : error.message, error.status === 404 ? 'muted' : 'error');
  }
}
