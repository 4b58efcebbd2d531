/**
 * HTTP failures from Pinecone, captured below the SDK (through its `fetchApi` hook) so that the
 * status, Pinecone's error code and `Retry-After` survive, then mapped to typed Propo errors.
 */
import { PropoError } from '../../../core/errors/index.ts';
import { parseRetryAfter } from '../../../core/resilience/index.ts';

/** A non-2xx answer from Pinecone: status, Pinecone's error code and message, and the Retry-After wait. */
export class PineconeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly pineconeCode: string,
    message: string,
    readonly retryAfterMs: number | null,
    readonly url: string,
  ) {
    super(message);
    this.name = 'PineconeHttpError';
  }
}

/** Reads both of Pinecone's error bodies: `{ error: { code, message }, status }` and `{ code, message, details }`. */
function parseErrorBody(text: string): { code: string; message: string } {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown }; code?: unknown; message?: unknown };
    if (body.error && typeof body.error === 'object') return { code: String(body.error.code ?? ''), message: String(body.error.message ?? '') };
    return { code: String(body.code ?? ''), message: String(body.message ?? text) };
  } catch {
    return { code: '', message: text.slice(0, 500) };
  }
}

/** A `fetch` for the Pinecone SDK that throws PineconeHttpError on any non-2xx answer (the SDK keeps it as `cause`). */
export function createPineconeFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.ok) return response;
    const { code, message } = parseErrorBody(await response.text());
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    throw new PineconeHttpError(response.status, code, message, parseRetryAfter(response.headers.get('retry-after')), url);
  };
}

function findHttpError(error: unknown): PineconeHttpError | undefined {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 6; depth += 1) {
    if (current instanceof PineconeHttpError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The HTTP status behind an error (through `cause` chains), if Pinecone answered at all. */
export function httpStatusOf(error: unknown): number | undefined {
  return findHttpError(error)?.status;
}

/** Maps anything the SDK throws to a PropoError that says what failed and what to do. */
export function toPineconeError(error: unknown, action: string, indexName: string): PropoError {
  if (error instanceof PropoError) return error;
  const http = findHttpError(error);
  const where = `Pinecone could not ${action} (index "${indexName}")`;
  if (http === undefined) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return new PropoError('PROPO_ERR_PINECONE', `${where}: ${detail}. Check the network and PINECONE_CONTROLLER_HOST; retry later.`, { cause: error, retryable: true });
  }
  const details = { status: http.status, pineconeCode: http.pineconeCode, retryAfterMs: http.retryAfterMs };
  if (http.status === 401 || http.status === 403) {
    return new PropoError('PROPO_ERR_PINECONE', `${where}: the API key was refused (${http.status} ${http.message}). Check PINECONE_API_KEY.`, { cause: error, details, retryable: false });
  }
  if (http.status === 404) {
    return new PropoError('PROPO_ERR_PINECONE', `${where}: not found (404 ${http.message}). Check PINECONE_INDEX and that the index exists in this project.`, { cause: error, details, retryable: false });
  }
  if (http.status === 400 && /dimension/i.test(http.message)) {
    return new PropoError('PROPO_ERR_EMBEDDER_MISMATCH', `${where}: ${http.message}. The index was built for another vector width; run \`bin/propo reindex\` or point PINECONE_INDEX at a new index.`, { cause: error, details });
  }
  if (http.status === 429) {
    const wait = http.retryAfterMs === null ? '' : ` Retry after ${Math.ceil(http.retryAfterMs / 1000)} s.`;
    return new PropoError('PROPO_ERR_PINECONE', `${where}: rate limited (429 ${http.message}).${wait} Lower the ingest rate or raise the project's limits.`, { cause: error, details, retryable: true });
  }
  if (http.status >= 500) {
    return new PropoError('PROPO_ERR_PINECONE', `${where}: Pinecone failed (${http.status} ${http.message}). See https://status.pinecone.io and retry later.`, { cause: error, details, retryable: true });
  }
  return new PropoError('PROPO_ERR_PINECONE', `${where}: ${http.status} ${http.pineconeCode} ${http.message}`.trim() + '.', { cause: error, details, retryable: false });
}
