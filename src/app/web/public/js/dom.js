// @ts-check
/* global Node */
/** Tiny DOM helpers: elements are built with createElement and textContent, never innerHTML. */

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Child | Child[] | Child[][]} Children */
/** @typedef {Record<string, unknown>} Props */

/**
 * h('button', { class: 'x', onclick: fn, text: 'Go' }, child…)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = String(value);
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, /** @type {Record<string, string>} */ (value));
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of /** @type {Child[]} */ (children.flat(2))) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/**
 * The element with this id; a missing id is a bug in index.html, so it throws rather than returning null.
 * Form controls have typed variants below (inputById, selectById, fieldById, formById, buttonById).
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element;
}

/** @param {string} id */
export const fieldById = (id) => /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (byId(id));
/** @param {string} id */
export const inputById = (id) => /** @type {HTMLInputElement} */ (byId(id));
/** @param {string} id */
export const selectById = (id) => /** @type {HTMLSelectElement} */ (byId(id));
/** @param {string} id */
export const formById = (id) => /** @type {HTMLFormElement} */ (byId(id));
/** @param {string} id */
export const buttonById = (id) => /** @type {HTMLButtonElement} */ (byId(id));

/**
 * The first element matching `selector` inside `root`; missing means the markup and the script disagree.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement}
 */
export function part(root, selector) {
  const element = root.querySelector(selector);
  if (!(element instanceof HTMLElement)) throw new Error(`no element matches ${selector}`);
  return element;
}

/** @param {number | null | undefined} value */
export function formatUsd(value) {
  if (value === null || value === undefined) return '—';
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 6 : 2;
  return `$${Number(value).toFixed(digits)}`;
}

/** @param {unknown} value */
export const formatNumber = (value) => Number(value ?? 0).toLocaleString('en-US');

/** @param {string | null | undefined} iso */
export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

let toastTimer = 0;
/** A short message in the corner (errors and confirmations). */
/**
 * @param {string} message
 * @param {string} [kind] 'info', 'error' or 'success'
 */
export function toast(message, kind = 'info') {
  const element = byId('toast');
  element.textContent = message;
  element.dataset.kind = kind;
  element.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { element.hidden = true; }, 5000);
}

/** Shows an empty-state or error line inside a container. */
/**
 * @param {Element} container
 * @param {string} text
 * @param {string} [kind]
 */
export function note(container, text, kind = 'muted') {
  container.replaceChildren(h('p', { class: kind === 'error' ? 'error-text' : 'muted', text }));
}
