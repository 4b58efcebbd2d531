// @ts-check
/* global Headers */
/** @import { ErrorBody } from './types.js' */
/**
 * The one fetch wrapper: JSON in and out, the CSRF token on state-changing requests, and a
 * login prompt on 401. Errors carry the server's { code, message }.
 */
/** @type {string | null} */
let csrfToken = null;
/** @type {() => void} */
let onUnauthorized = () => {};

export class ApiError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {number} status
   */
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/**
 * The message of anything a call threw (an ApiError, a network TypeError, an AbortError…).
 * @param {unknown} error
 * @returns {string}
 */
export const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * The HTTP status of a failed API call (undefined for a network error or anything else).
 * @param {unknown} error
 * @returns {number | undefined}
 */
export const statusOf = (error) => (error instanceof ApiError ? error.status : undefined);

/** @param {string | null | undefined} token */
export function setCsrfToken(token) { csrfToken = token ?? null; }
/** @param {() => void} handler */
export function setUnauthorizedHandler(handler) { onUnauthorized = handler; }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers every request of ours carries (also used by the XHR upload). */
/**
 * @param {string} [method]
 * @returns {Record<string, string>}
 */
export function authHeaders(method = 'GET') {
  /** @type {Record<string, string>} */
  const headers = {};
  if (UNSAFE.has(method.toUpperCase()) && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

/**
 * @param {Response} response
 * @returns {Promise<ApiError>}
 */
export async function errorFrom(response) {
  /** @type {{ error?: Partial<ErrorBody> } | null} */
  const data = await response.json().catch(() => null);
  const code = data?.error?.code ?? `HTTP_${response.status}`;
  return new ApiError(code, data?.error?.message ?? (response.statusText || 'Request failed'), response.status);
}

/**
 * @typedef {object} ApiOptions
 * @property {string} [method]
 * @property {unknown} [body] sent as JSON
 * @property {Record<string, string>} [headers]
 * @property {AbortSignal} [signal]
 * @property {boolean} [allowUnauthorized] a 401 is returned as an error without the login prompt
 * @property {boolean} [raw] return the Response (for streams)
 */

/** Pauses before the retries of a read that failed on the network. */
const READ_RETRY_MS = [250, 1000];

/**
 * `fetch` for a read (GET/HEAD): a network failure (the browser's TypeError, e.g. Chromium's ERR_NETWORK_CHANGED
 * when an interface comes or goes, or a server restart) is retried twice after a pause. A state-changing request is
 * never retried: it may have reached the server. An abort is not retried either (decision 0147).
 * @param {string} path
 * @param {RequestInit} init
 * @returns {Promise<Response>}
 */
async function fetchRetrying(path, init) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(path, init);
    } catch (error) {
      const pause = READ_RETRY_MS[attempt];
      if (!(error instanceof TypeError) || pause === undefined || init.signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * fetch with our conventions; `raw: true` returns the Response (for streams) after the status check.
 * The JSON shape is the server's (see the routes under src/app/http): it is typed `any` at this one boundary,
 * and each caller declares what it expects by annotating the variable it assigns with a typedef from types.js.
 * @param {string} path
 * @param {ApiOptions} [options]
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers({ accept: 'application/json', ...authHeaders(method), ...(options.headers ?? {}) });
  /** @type {string | undefined} */
  let body;
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  const init = { method, headers, body: body ?? null, signal: options.signal ?? null, credentials: /** @type {const} */ ('same-origin') };
  const response = UNSAFE.has(method) ? await fetch(path, init) : await fetchRetrying(path, init);
  if (response.status === 401 && !options.allowUnauthorized) {
    onUnauthorized();
    throw await errorFrom(response);
  }
  if (!response.ok) throw await errorFrom(response);
  if (options.raw) return response;
  if (response.status === 204) return null;
  return response.json();
}
