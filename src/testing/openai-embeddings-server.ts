/**
 * A local HTTP server speaking the OpenAI embeddings wire format (POST /v1/embeddings), for tests that cannot
 * reach api.openai.com. Vectors are deterministic (the hash embedder); error bodies, status codes and rate-limit
 * headers follow the OpenAI API reference.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHashEmbedder } from '../providers/embedders/hash/index.ts';
import type { Embedder } from '../core/ports/index.ts';

/** `rate-limit-once`: one 429 with Retry-After, then `ok`. `server-error`: every request 500. */
export type OpenAiServerMode = 'ok' | 'rate-limit-once' | 'rate-limit-always' | 'server-error' | 'malformed';

export interface OpenAiEmbeddingsServerOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  mode?: OpenAiServerMode;
  /** Vector length when the request has no `dimensions` (default 1536, like text-embedding-3-small). */
  defaultDimensions?: number;
  /** Delay before every answer, to exercise timeouts and aborts. */
  delayMs?: number;
  /** Return `data` in reverse order (the API orders by `index`; clients must not rely on position). */
  reverseOrder?: boolean;
}

export interface RecordedEmbeddingsRequest {
  authorization: string | undefined;
  body: { model?: unknown; input?: unknown; encoding_format?: unknown; dimensions?: unknown };
}

export interface OpenAiEmbeddingsServer {
  /** Base URL including `/v1`, as configured for an OpenAI-compatible client. */
  readonly baseUrl: string;
  readonly requests: RecordedEmbeddingsRequest[];
  setMode(mode: OpenAiServerMode): void;
  close(): Promise<void>;
}

const MAX_INPUTS = 2048;

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): void {
  sendJson(response, status, { error: { message, type, param: null, code } }, headers);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server on a free loopback port. */
export async function startOpenAiEmbeddingsServer(options: OpenAiEmbeddingsServerOptions = {}): Promise<OpenAiEmbeddingsServer> {
  let mode: OpenAiServerMode = options.mode ?? 'ok';
  const requests: RecordedEmbeddingsRequest[] = [];
  const embedders = new Map<number, Embedder>();
  const embedderFor = (dimensions: number): Embedder => {
    const existing = embedders.get(dimensions);
    if (existing !== undefined) return existing;
    const created = createHashEmbedder({ dimensions });
    embedders.set(dimensions, created);
    return created;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
      sendError(response, 404, `Invalid URL (${request.method ?? ''} ${request.url ?? ''})`, 'invalid_request_error', null);
      return;
    }
    const text = await readBody(request);
    if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    let body: RecordedEmbeddingsRequest['body'];
    try {
      body = JSON.parse(text) as RecordedEmbeddingsRequest['body'];
    } catch {
      sendError(response, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
      return;
    }
    requests.push({ authorization: request.headers.authorization, body });
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendError(response, 401, 'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
      return;
    }
    if (mode === 'rate-limit-once' || mode === 'rate-limit-always') {
      if (mode === 'rate-limit-once') mode = 'ok';
      sendError(response, 429, 'Rate limit reached for text-embedding-3-small on requests per min (RPM): Limit 3000. Please try again in 20ms.', 'requests', 'rate_limit_exceeded', { 'retry-after': '1', 'retry-after-ms': '20' });
      return;
    }
    if (mode === 'server-error') {
      sendError(response, 500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
      return;
    }
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    if (typeof body.model !== 'string' || !Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_INPUTS
      || !inputs.every((input): input is string => typeof input === 'string' && input.length > 0)) {
      sendError(response, 400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'invalid_request_error', null);
      return;
    }
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : (options.defaultDimensions ?? 1536);
    const vectors = await embedderFor(dimensions).embed(inputs);
    const base64 = body.encoding_format === 'base64';
    const data = vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector),
    }));
    if (options.reverseOrder === true) data.reverse();
    const tokens = inputs.reduce((sum, input) => sum + Math.ceil(input.length / 4), 0);
    if (mode === 'malformed') {
      sendJson(response, 200, { object: 'list', data: data.map(({ index }) => ({ object: 'embedding', index })), model: body.model });
      return;
    }
    sendJson(response, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendError(response, 500, error instanceof Error ? error.message : String(error), 'server_error', null);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    setMode(next) {
      mode = next;
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error === undefined ? resolve() : reject(error)));
    }),
  };
}
