// @ts-check
/**
 * Loaded before app.js (a classic script, so it runs even when a module cannot be fetched). When the browser fails to
 * fetch app.js or one of its modules — the network changed under the page (Wi-Fi, a VPN, Docker adding a bridge:
 * Chromium's ERR_NETWORK_CHANGED aborts every request in flight) or the server restarted — the page would stay
 * blank. It reloads instead, up to three times within a minute with a growing pause, then says what happened and
 * offers a Reload button. app.js clears the count once it has started (decision 0147).
 */
(() => {
  const KEY = 'propo.bootRetries';
  const MAX_RETRIES = 3;
  /** @returns {{ count: number, at: number }} */
  const read = () => {
    try {
      const value = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null');
      return value && typeof value.count === 'number' && typeof value.at === 'number' ? value : { count: 0, at: 0 };
    } catch { return { count: 0, at: 0 }; }
  };
  let handled = false;
  const showFailure = () => {
    const box = document.createElement('div');
    box.id = 'boot-error';
    box.setAttribute('role', 'alert');
    box.className = 'boot-error';
    box.textContent = 'Propo could not load its scripts: the network changed or the server is restarting. ';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', () => window.location.reload());
    box.append(button);
    const place = () => document.body.prepend(box);
    if (document.body) place(); else document.addEventListener('DOMContentLoaded', place, { once: true });
  };
  window.addEventListener('error', (event) => {
    const target = event.target;
    if (handled || !(target instanceof HTMLScriptElement) || target.type !== 'module') return;
    handled = true;
    const last = read();
    const count = Date.now() - last.at < 60_000 ? last.count : 0;
    if (count >= MAX_RETRIES) { showFailure(); return; }
    try { window.sessionStorage.setItem(KEY, JSON.stringify({ count: count + 1, at: Date.now() })); } catch { showFailure(); return; }
    window.setTimeout(() => window.location.reload(), 250 * 2 ** count);
  }, true);
})();
