/* global Headers */
/**
 * The one fetch wrapper: JSON in and out, the CSRF token on state-changing requests, and a
 * login prompt on 401. Errors carry the server's { code, message }.
 */
let csrfToken = null;
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export function setCsrfToken(token) { csrfToken = token ?? null; }
export function setUnauthorizedHandler(handler) { onUnauthorized = handler; }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers every request of ours carries (also used by the XHR upload). */
export function authHeaders(method = 'GET') {
  const headers = {};
  if (UNSAFE.has(method.toUpperCase()) && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

export async function errorFrom(response) {
  const data = await response.json().catch(() => null);
  const code = data?.error?.code ?? `HTTP_${response.status}`;
  return new ApiError(code, data?.error?.message ?? (response.statusText || 'Request failed'), response.status);
}

/** fetch with our conventions; `raw: true` returns the Response (for streams) after the status check. */
export async function api(path, options = {}) {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers({ accept: 'application/json', ...authHeaders(method), ...(options.headers ?? {}) });
  let body;
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  if (response.status === 401 && !options.allowUnauthorized) {
    onUnauthorized();
    throw await errorFrom(response);
  }
  if (!response.ok) throw await errorFrom(response);
  if (options.raw) return response;
  if (response.status === 204) return null;
  return response.json();
}
