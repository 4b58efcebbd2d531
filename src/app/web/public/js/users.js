// @ts-check
/**
 * Users tab (admins only; hidden otherwise): accounts and API tokens on the same rules as `bin/propo users`
 * (the server's UserAdmin). Create (an empty password gets a generated one), change role, disable/enable,
 * reset password, remove; per account, issue and revoke API tokens. A generated password or a new token is
 * shown once, in the "shown once" box, and never fetched again.
 */
import { api } from './api.js';
import { byId, fieldById, formatDate, formById, h, inputById, note, selectById, toast } from './dom.js';
/** @import { PasswordReset, TokenCreated, TokensResponse, User, UserCreated, UsersResponse } from './types.js' */

/** @type {string | null} the logged-in admin (null when auth is off) */
let me = null;
/** @type {string | null} whose tokens the tokens card shows */
let tokensOf = null;

/**
 * Shows a secret once, with what it is for.
 * @param {string} title
 * @param {string} secret
 */
function showSecret(title, secret) {
  const box = byId('users-secret');
  const value = h('code', { class: 'secret-value', id: 'users-secret-value', text: secret });
  const copy = h('button', { type: 'button', class: 'button subtle small', 'aria-label': 'Copy to the clipboard', text: 'Copy',
    onclick: () => { void navigator.clipboard?.writeText(secret).then(() => toast('Copied.', 'success'), () => toast('Copy failed: select the text and copy it.', 'error')); } });
  const dismiss = h('button', { type: 'button', class: 'button subtle small', text: 'Done', 'aria-label': 'Hide the secret', onclick: () => { box.hidden = true; box.replaceChildren(); } });
  box.replaceChildren(h('p', null, h('strong', { text: title }), ' — shown once: copy it now, it cannot be shown again.'), h('div', { class: 'row' }, value, copy, dismiss));
  box.hidden = false;
  box.focus();
}

/**
 * Runs an admin action; its error (the server's message) goes to the toast.
 * @param {() => Promise<unknown>} action
 * @param {string} [done]
 */
async function attempt(action, done) {
  try {
    await action();
    if (done) toast(done, 'success');
    await loadUsers();
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error), 'error');
  }
}

const path = (/** @type {string} */ name) => `/api/users/${encodeURIComponent(name)}`;

/** @param {User} user */
function row(user) {
  const self = user.name === me;
  const role = h('select', { 'aria-label': `Role of ${user.name}`, disabled: self, title: self ? 'You cannot change your own role.' : null,
    onchange: (/** @type {Event} */ event) => { void attempt(() => api(path(user.name), { method: 'PATCH', body: { role: /** @type {HTMLSelectElement} */ (event.target).value } }), `${user.name}'s role changed.`); } },
  h('option', { value: 'user', selected: user.role === 'user' }, 'user'), h('option', { value: 'admin', selected: user.role === 'admin' }, 'admin'));
  const toggle = h('button', { type: 'button', class: `button small ${user.disabled ? 'subtle' : 'danger'}`, disabled: self, 'aria-label': `${user.disabled ? 'Enable' : 'Disable'} ${user.name}`,
    text: user.disabled ? 'Enable' : 'Disable',
    onclick: () => { void attempt(() => api(path(user.name), { method: 'PATCH', body: { disabled: !user.disabled } }), `${user.name} ${user.disabled ? 'enabled' : 'disabled'}.`); } });
  const reset = h('button', { type: 'button', class: 'button subtle small', 'aria-label': `Reset the password of ${user.name}`, text: 'Reset password',
    onclick: () => {
      if (!window.confirm(`Give ${user.name} a new generated password? They are logged out everywhere.`)) return;
      void attempt(async () => {
        /** @type {PasswordReset} */
        const result = await api(`${path(user.name)}/password`, { method: 'POST', body: {} });
        showSecret(`New password for ${user.name}`, result.password ?? '');
      });
    } });
  const tokens = h('button', { type: 'button', class: 'button subtle small', 'aria-label': `API tokens of ${user.name}`, 'aria-expanded': String(tokensOf === user.name), 'aria-controls': 'users-tokens', text: 'Tokens',
    onclick: () => { tokensOf = tokensOf === user.name ? null : user.name; void loadUsers(); } });
  const remove = h('button', { type: 'button', class: 'button danger small', disabled: self, 'aria-label': `Remove ${user.name}`, text: 'Remove',
    onclick: () => {
      if (!window.confirm(`Remove ${user.name}, their sessions and API tokens? This cannot be undone (Disable keeps the account).`)) return;
      if (tokensOf === user.name) tokensOf = null;
      void attempt(() => api(path(user.name), { method: 'DELETE' }), `${user.name} removed.`);
    } });
  return h('tr', { class: user.disabled ? 'is-disabled' : null, dataset: { user: user.name } },
    h('td', { class: 'file-name' }, user.name, self ? h('span', { class: 'muted', text: ' (you)' }) : null),
    h('td', null, role),
    h('td', null, h('span', { class: `badge ${user.disabled ? 'failed' : 'ok'}`, text: user.disabled ? 'Disabled' : 'Active' })),
    h('td', { class: 'num' }, String(user.tokens)),
    h('td', null, formatDate(user.createdAt)),
    h('td', null, h('div', { class: 'actions' }, toggle, reset, tokens, remove)));
}

async function loadTokens() {
  const card = byId('users-tokens');
  card.hidden = tokensOf === null;
  if (tokensOf === null) return;
  const name = tokensOf;
  byId('users-tokens-title').textContent = `API tokens of ${name}`;
  const body = byId('users-tokens-table').querySelector('tbody');
  if (!body) return;
  try {
    /** @type {TokensResponse} */
    const { tokens } = await api(`${path(name)}/tokens`);
    body.replaceChildren(...tokens.map((token) => h('tr', { dataset: { token: token.id } },
      h('td', null, h('code', { text: token.id })), h('td', { text: token.label }), h('td', { text: formatDate(token.createdAt) }),
      h('td', { text: token.lastUsedAt ? formatDate(token.lastUsedAt) : 'never' }),
      h('td', null, h('button', { type: 'button', class: 'button danger small', 'aria-label': `Revoke token ${token.label} (${token.id})`, text: 'Revoke',
        onclick: () => { void attempt(() => api(`${path(name)}/tokens/${token.id}`, { method: 'DELETE' }), `Token ${token.label} revoked: it no longer works.`); } })))));
    if (tokens.length === 0) body.replaceChildren(h('tr', null, h('td', { colspan: '5', class: 'muted', text: 'No API tokens.' })));
  } catch (error) {
    body.replaceChildren(h('tr', null, h('td', { colspan: '5', class: 'error-text', text: error instanceof Error ? error.message : String(error) })));
  }
}

export async function loadUsers() {
  const body = byId('users-table').querySelector('tbody');
  if (!body) return;
  try {
    /** @type {UsersResponse} */
    const { users } = await api('/api/users');
    body.replaceChildren(...users.map(row));
    byId('users-status').textContent = `${users.length} account${users.length === 1 ? '' : 's'}, ${users.filter((u) => u.disabled).length} disabled.`;
    if (tokensOf && !users.some((u) => u.name === tokensOf)) tokensOf = null;
  } catch (error) {
    note(byId('users-status'), error instanceof Error ? error.message : String(error), 'error');
  }
  await loadTokens();
}

/**
 * Shows the Users tab to admins (and when auth is off, where the local user is the admin); wires its forms.
 * @param {{ name: string, role: string } | null} user the logged-in user, null when auth is off
 */
export function initUsers(user) {
  const admin = user === null || user.role === 'admin';
  byId('tab-users').hidden = !admin;
  if (!admin) return;
  me = user?.name ?? null;
  byId('users-auth-off').hidden = user !== null;
  formById('user-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = inputById('user-new-name').value.trim();
    const password = inputById('user-new-password').value;
    void attempt(async () => {
      /** @type {UserCreated} */
      const result = await api('/api/users', { method: 'POST', body: { name, role: selectById('user-new-role').value, ...(password ? { password } : {}) } });
      formById('user-form').reset();
      if (result.password) showSecret(`Password for ${name}`, result.password);
      else toast(`${name} created.`, 'success');
    });
  });
  formById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = tokensOf;
    if (!name) return;
    const label = fieldById('token-label').value.trim() || 'web';
    void attempt(async () => {
      /** @type {TokenCreated} */
      const result = await api(`${path(name)}/tokens`, { method: 'POST', body: { label } });
      formById('token-form').reset();
      showSecret(`API token "${label}" for ${name} (send it as Authorization: Bearer …)`, result.token);
    });
  });
  byId('users-tokens-close').addEventListener('click', () => { tokensOf = null; void loadUsers(); });
}
