// @ts-check
/**
 * The Security tab: a readable summary of `GET /api/security/status` — the state at a glance, the limits in
 * words, current lockouts, and the recent security events (counted by kind, the latest in a table). The raw
 * JSON is behind a "Details" toggle instead of being the page.
 */
import { api, messageOf, statusOf } from './api.js';
import { byId, formatDate, formatUsd, h, note } from './dom.js';
/** @import { Limits, SecurityStatus } from './types.js' */

/** What each audit event type means, for people. */
/** @type {Record<string, string>} */
const EVENT_LABELS = {
  AUTH_SUCCESS: 'Logged in', AUTH_FAILURE: 'Refused login or request', ACCOUNT_LOCKED: 'Locked out', RATE_LIMIT: 'Rate limited',
  UPLOAD_REJECTED: 'Upload refused', PROMPT_INJECTION_SUSPECTED: 'Suspected prompt injection', CITATION_REJECTED: 'Citation refused',
  USER_CHANGED: 'Account changed', CONFIG_CHANGED: 'Settings changed', BACKUP: 'Backup', RESTORE: 'Restore', CSRF_FAILURE: 'Cross-site request refused',
  TOKEN_CREATED: 'API token issued', TOKEN_REVOKED: 'API token revoked', LOGOUT: 'Logged out', MCP_INGEST: 'Ingested through MCP',
};
/** Shown in the latest-events table. */
const LATEST = 15;

/** @param {string} type */
export const eventLabel = (type) => EVENT_LABELS[type] ?? type.toLowerCase().replace(/_/g, ' ');

/** @param {number} ms */
function duration(ms) {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} [kind]
 */
function stat(label, value, kind = '') {
  return h('div', { class: `card stat ${kind}` }, h('div', { class: 'muted small', text: label }), h('div', { class: 'stat-value', text: value }));
}

/** A short, readable line of an event's details (never the whole object). @param {Record<string, unknown>} details */
function detailsLine(details) {
  const parts = [];
  for (const key of ['action', 'target', 'role', 'reason', 'path', 'label', 'via']) {
    const value = details?.[key];
    if (value !== undefined && value !== null && value !== '') parts.push(`${key}: ${String(value).slice(0, 80)}`);
  }
  return parts.join(' · ');
}

/** @param {Partial<SecurityStatus>} status every part read defensively (an older server sends fewer) */
function render(status) {
  /** @type {Partial<Limits>} */
  const limits = status.limits ?? {};
  const events = status.recentEvents ?? [];
  const lockouts = status.lockouts ?? [];
  const counts = Object.entries(status.eventCounts ?? {}).sort((a, b) => b[1] - a[1]);

  const glance = h('div', { class: 'cards', id: 'security-glance' },
    stat('Authentication', status.authEnabled ? 'On' : 'Off — anyone who reaches the page is admin', status.authEnabled ? 'ok' : 'warn'),
    stat('Accounts', `${status.users ?? 0}${status.disabledUsers ? ` (${status.disabledUsers} disabled)` : ''}`),
    stat('Locked out now', String(lockouts.length), lockouts.length ? 'warn' : 'ok'),
    stat('Rate-limit hits (recent)', String(status.rateLimitHits ?? 0), status.rateLimitHits ? 'warn' : ''),
    stat('Sessions kept in', String(status.sessionStore ?? '—')),
    stat('Rate limiter', String(status.rateLimiter ?? '—')));

  const limitRows = [
    ['Chat questions', `${limits.chatPerMinute} per minute per user`],
    ['Uploads', `${limits.uploadPerMinute} per minute per user`],
    ['Login attempts', `${limits.loginPerMinute} per minute per address`],
    ['Answers streaming at once', `${limits.maxConcurrentStreams} per user`],
    ['Longest question', `${limits.maxQuestionChars} characters`],
    ['LLM spend', `${formatUsd(limits.dailyBudgetUsd)} per day`],
  ];
  const limitsTable = h('table', { class: 'table key-value', id: 'security-limits' }, h('caption', { class: 'visually-hidden', text: 'Limits' }),
    h('tbody', null, limitRows.map(([name, value]) => h('tr', null, h('th', { scope: 'row', text: name }), h('td', { text: value })))));

  const lockoutBlock = lockouts.length === 0
    ? h('p', { class: 'muted', id: 'security-lockouts', text: 'No account or address is locked out.' })
    : h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'security-lockouts' },
      h('thead', null, h('tr', null, ['Who', 'Failed logins', 'Unlocks in'].map((name) => h('th', { scope: 'col', text: name })))),
      h('tbody', null, lockouts.map((l) => h('tr', null, h('td', { text: `${l.kind === 'account' ? 'Account' : 'Address'} ${l.key}` }), h('td', { class: 'num', text: String(l.failures) }), h('td', { text: duration(l.retryAfterMs) }))))));

  const countList = counts.length === 0
    ? h('p', { class: 'muted', text: 'No security events recorded yet.' })
    : h('ul', { class: 'event-counts', id: 'security-counts' }, counts.map(([type, n]) => h('li', { class: 'badge', dataset: { type } }, `${eventLabel(type)}: ${n}`)));

  const latest = events.slice(0, LATEST);
  const eventsTable = latest.length === 0 ? null : h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'security-events' },
    h('thead', null, h('tr', null, ['When', 'What', 'Who', 'From', 'Details'].map((name) => h('th', { scope: 'col', text: name })))),
    h('tbody', null, latest.map((event) => h('tr', { class: `level-${String(event.level).toLowerCase()}`, dataset: { type: event.type } },
      h('td', { text: formatDate(event.time) }),
      h('td', null, event.level !== 'INFO' ? h('span', { class: 'badge failed', text: event.level === 'ERROR' ? 'error' : 'warning' }) : null, ` ${eventLabel(event.type)}`),
      h('td', { text: event.user ?? '—' }), h('td', { text: event.ip ?? '—' }), h('td', { class: 'small', text: detailsLine(event.details) }))))));

  const raw = h('details', { class: 'config-dump', id: 'security-details' }, h('summary', { text: 'Details (raw status JSON)' }),
    h('pre', { class: 'code-block', text: JSON.stringify(status, null, 2) }));

  return [glance,
    h('h3', { text: 'Limits' }), limitsTable,
    h('h3', { text: 'Lockouts' }), lockoutBlock,
    h('h3', { text: `Recent security events (${events.length})` }), countList,
    eventsTable, events.length > LATEST ? h('p', { class: 'muted small', text: `The latest ${LATEST} of ${events.length}; all of them are in Details and in logs/security_audit.log.` }) : null,
    raw];
}

export async function loadSecurity() {
  const panel = byId('security-panel');
  try {
    /** @type {Partial<SecurityStatus>} */
    const status = await api('/api/security/status');
    panel.replaceChildren(...render(status).filter((node) => node !== null));
  } catch (error) {
    const absent = statusOf(error) === 404;
    note(panel, absent ? 'Security status is not available in this build.' : messageOf(error), absent ? 'muted' : 'error');
  }
}
