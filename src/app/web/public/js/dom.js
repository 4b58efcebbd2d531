/* global Node */
/** Tiny DOM helpers: elements are built with createElement and textContent, never innerHTML. */

/** h('button', { class: 'x', onclick: fn, text: 'Go' }, child…) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const byId = (id) => document.getElementById(id);

export function formatUsd(value) {
  if (value === null || value === undefined) return '—';
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 6 : 2;
  return `$${Number(value).toFixed(digits)}`;
}

export const formatNumber = (value) => Number(value ?? 0).toLocaleString('en-US');

export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

let toastTimer = 0;
/** A short message in the corner (errors and confirmations). */
export function toast(message, kind = 'info') {
  const element = byId('toast');
  element.textContent = message;
  element.dataset.kind = kind;
  element.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { element.hidden = true; }, 5000);
}

/** Shows an empty-state or error line inside a container. */
export function note(container, text, kind = 'muted') {
  container.replaceChildren(h('p', { class: kind === 'error' ? 'error-text' : 'muted', text }));
}
