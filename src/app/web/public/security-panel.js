// @ts-check
// Security panel for the admin page: renders GET /api/security/status into #security-panel.
// DOM is built with createElement/textContent only (no innerHTML): event fields are untrusted.
/** @import { AuditRecord, SecurityStatus } from './js/types.js' */

/** @type {Record<string, string>} */
const LEVEL_CLASS = { INFO: 'level-info', WARNING: 'level-warning', ERROR: 'level-error' };

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {unknown} [text]
 * @param {string} [className]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** @param {SecurityStatus} status */
function summary(status) {
  const list = el('dl', null, 'security-summary');
  const rows = [
    ['Authentication', status.authEnabled ? 'on' : 'OFF'],
    ['Accounts', status.users],
    ['Sessions stored in', status.sessionStore],
    ['Rate limiter', status.rateLimiter],
    ['Rate-limit hits (recent)', status.rateLimitHits],
    ['Limits', `chat ${status.limits.chatPerMinute}/min, upload ${status.limits.uploadPerMinute}/min, login ${status.limits.loginPerMinute}/min, ${status.limits.maxConcurrentStreams} streams, $${status.limits.dailyBudgetUsd}/day`],
  ];
  for (const [name, value] of rows) {
    list.append(el('dt', name), el('dd', value));
  }
  return list;
}

/** @param {AuditRecord[]} events */
function eventsTable(events) {
  const table = el('table', null, 'security-events');
  const head = el('tr');
  for (const name of ['Time', 'Level', 'Type', 'User', 'IP', 'Details']) head.append(el('th', name));
  // append() returns nothing: chaining `.firstChild` on it threw before any row was drawn.
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const event of events) {
    const row = el('tr', null, LEVEL_CLASS[event.level] || '');
    row.append(
      el('td', new Date(event.time).toLocaleString()),
      el('td', event.level),
      el('td', event.type),
      el('td', event.user || ''),
      el('td', event.ip || ''),
      el('td', JSON.stringify(event.details || {}).slice(0, 300)),
    );
    body.append(row);
  }
  table.append(body);
  return table;
}

/** @param {HTMLElement} container */
export async function renderSecurityPanel(container) {
  const response = await fetch('/api/security/status', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  container.replaceChildren();
  if (!response.ok) {
    const message = response.status === 403 ? 'Only admins can see security status.' : response.status === 401 ? 'Log in to see security status.' : `Could not load security status (${response.status}).`;
    container.append(el('p', message, 'muted'));
    return;
  }
  /** @type {SecurityStatus} */
  const status = await response.json();
  const refresh = el('button', 'Refresh', 'secondary');
  refresh.type = 'button';
  refresh.addEventListener('click', () => { renderSecurityPanel(container).catch(() => undefined); });
  container.append(summary(status), el('h3', `Recent security events (${status.recentEvents.length})`), eventsTable(status.recentEvents), refresh);
}

const panel = typeof document !== 'undefined' ? document.getElementById('security-panel') : null;
if (panel) {
  renderSecurityPanel(panel).catch(() => {
    panel.replaceChildren(el('p', 'Could not load security status.', 'muted'));
  });
}
