// @ts-check
/** Accessible tabs (WAI-ARIA pattern): click or arrow keys switch; the URL hash remembers the tab. */
import { byId } from './dom.js';

/** @type {Map<string, () => unknown>} */
const loaders = new Map();

/**
 * @param {string} name
 * @param {() => unknown} loader called each time the tab is shown
 */
export function onTabShown(name, loader) { loaders.set(name, loader); }

/** @returns {HTMLElement[]} the visible tabs (an admin-only tab is hidden for others) */
function tabs() { return [...document.querySelectorAll('[role="tab"]')].filter((tab) => tab instanceof HTMLElement).filter((tab) => !tab.hidden); }

/**
 * @param {string} name
 * @param {{ focus?: boolean }} [options]
 */
export function showTab(name, { focus = false } = {}) {
  for (const tab of tabs()) {
    const selected = tab.id === `tab-${name}`;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(tab.getAttribute('aria-controls') ?? '').hidden = !selected;
    if (selected && focus) tab.focus();
  }
  if (window.location.hash !== `#${name}`) window.history.replaceState(null, '', `#${name}`);
  const loader = loaders.get(name);
  if (loader) Promise.resolve(loader()).catch(() => {});
}

export function initTabs() {
  const list = tabs();
  for (const tab of list) {
    tab.addEventListener('click', () => showTab(tab.id.slice(4)));
    tab.addEventListener('keydown', (event) => {
      const index = list.indexOf(tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1 }[/** @type {KeyboardEvent} */ (event).key];
      if (next === undefined) return;
      event.preventDefault();
      const target = list[(next + list.length) % list.length];
      if (target) showTab(target.id.slice(4), { focus: true });
    });
  }
  const wanted = window.location.hash.slice(1);
  showTab(list.some((t) => t.id === `tab-${wanted}`) ? wanted : 'chat');
}
