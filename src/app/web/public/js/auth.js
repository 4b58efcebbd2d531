// @ts-check
/* global FormData */
/**
 * Login state: asks `/api/auth/me` at start; on 401 shows the login form. When the security
 * layer is absent (404) or says auth is off, the app opens directly without the user box.
 */
import { api, messageOf, setCsrfToken, setUnauthorizedHandler, statusOf } from './api.js';
import { byId, inputById } from './dom.js';
/** @import { MeResponse, SessionUser } from './types.js' */

let started = false;

/** @param {string} [message] */
function showLogin(message = '') {
  byId('app-shell').hidden = true;
  byId('user-box').hidden = true;
  byId('login-panel').hidden = false;
  byId('login-error').textContent = message;
  byId('login-username').focus();
}

/** @param {SessionUser | null} user */
function showApp(user) {
  byId('login-panel').hidden = true;
  byId('app-shell').hidden = false;
  byId('user-box').hidden = !user;
  byId('user-name').textContent = user ? `${user.name} (${user.role})` : '';
}

/**
 * Resolves the current user (null when auth is off); calls `onReady` once the app may render.
 * @param {(user: SessionUser | null) => void} onReady
 */
export async function initAuth(onReady) {
  const ready = (/** @type {SessionUser | null} */ user) => {
    showApp(user);
    if (!started) { started = true; onReady(user); }
  };
  setUnauthorizedHandler(() => showLogin('Your session ended. Log in again.'));
  byId('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(/** @type {HTMLFormElement} */ (event.currentTarget));
    try {
      /** @type {MeResponse | null} */
      const session = await api('/api/auth/login', { method: 'POST', body: { username: form.get('username'), password: form.get('password') }, allowUnauthorized: true });
      /** @type {MeResponse} */
      const me = session?.csrfToken ? session : await api('/api/auth/me');
      setCsrfToken(me.csrfToken);
      inputById('login-password').value = '';
      ready(me.user);
    } catch (error) {
      byId('login-error').textContent = messageOf(error);
    }
  });
  byId('logout-button').addEventListener('click', async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => {});
    setCsrfToken(null);
    showLogin();
  });
  try {
    /** @type {MeResponse | null} */
    const me = await api('/api/auth/me', { allowUnauthorized: true });
    setCsrfToken(me?.csrfToken);
    // With auth off there is no account to show or log out of (issue 14 item 2): no "local (admin)", no "Log out".
    ready(me?.authEnabled === false ? null : me?.user ?? null);
  } catch (error) {
    if (statusOf(error) === 401) showLogin();
    else ready(null);
  }
}
