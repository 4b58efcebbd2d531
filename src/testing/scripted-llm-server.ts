/**
 * A local HTTP server that speaks the OpenAI / OpenRouter chat wire format, driven by a script.
 * Tests point any LLM provider at `url` (…/v1) to get scripted answers, usage blocks, keepalive
 * comments, HTTP errors, mid-stream error chunks, dropped connections and slow first tokens,
 * exactly as the real services send them. Every request is recorded.
 *
 * Routes: POST /v1/chat/completions (stream and non-stream), GET /v1/models,
 * GET /v1/credits and GET /v1/key (OpenRouter shapes). Anything else is a 404 in OpenAI's error shape.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { estimateTokens } from '../core/cost/index.ts';
import { abortableSleep } from '../core/resilience/index.ts';
import { chatCompletion, chunk, usageBlock, type PlanUsage } from './scripted-llm-wire.ts';

/** What the server does for one chat completion call. */
export interface ResponsePlan {
  /** Whole answer; split into chunks of a few words when streamed. */
  text?: string;
  /** Exact content deltas (wins over `text`). */
  chunks?: string[];
  /** Overrides of the usage block; token counts default to estimates of the prompt and answer. */
  usage?: PlanUsage;
  /** Send no usage block even when the request asks for it. */
  omitUsage?: boolean;
  /** Model reported in chunks (default: the requested model, `openrouter/auto` resolved to `openai/gpt-4o-mini`). */
  model?: string;
  finishReason?: string;
  /** Wait before the response headers. */
  delayHeadersMs?: number;
  /** Wait after the headers, before the first chunk. */
  delayFirstTokenMs?: number;
  delayBetweenMs?: number;
  /** HTTP status for an error before the stream (e.g. 401, 429, 500). */
  status?: number;
  /** `Retry-After` header value (seconds or HTTP date). */
  retryAfter?: number | string;
  /** Error body sent with `status` (default OpenRouter's `{ error: { code, message } }`). */
  errorBody?: unknown;
  /** Send an OpenRouter mid-stream error chunk after this many content chunks, then end. */
  errorMidStreamAfter?: number;
  /** Destroy the socket after this many content chunks. */
  dropConnectionAfter?: number;
  /** Send `: OPENROUTER PROCESSING` comments before and between chunks. */
  keepaliveComments?: boolean;
  /** Answer with one JSON chat.completion even when the request asked for a stream (as some servers do). */
  ignoreStream?: boolean;
  /** Raw SSE data payloads written verbatim instead of generated chunks (for malformed output). */
  rawEvents?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** 0-based index among chat completion calls, or -1 for other routes. */
  callIndex: number;
  /** True once the client closed the connection before the response finished. */
  clientClosedEarly: boolean;
  /** Resolves when the response is finished or the connection is gone. */
  closed: Promise<void>;
}

export type ChatScript =
  | ResponsePlan
  | ResponsePlan[]
  | ((body: Record<string, unknown>, context: { callIndex: number; headers: IncomingHttpHeaders }) => ResponsePlan | Promise<ResponsePlan>);

export interface ScriptedLlmServerOptions {
  /** One plan for every call, a per-call sequence (the last plan repeats), or a function of the body. */
  script: ChatScript;
  /** `/credits` data; null answers 403 as OpenRouter does for non-management keys. */
  credits?: { total_credits: number; total_usage: number } | null;
  /** `/key` data (OpenRouter shape). */
  key?: { limit: number | null; usage: number; limit_remaining: number | null; label?: string };
  models?: string[];
  /** Status answered by GET /models (default 200). */
  modelsStatus?: number;
}

export interface ScriptedLlmServer {
  /** Base URL ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** Recorded chat completion calls only. */
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const KEEPALIVE = ': OPENROUTER PROCESSING\n\n';

function splitText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

async function planFor(script: ChatScript, body: Record<string, unknown>, callIndex: number, headers: IncomingHttpHeaders): Promise<ResponsePlan> {
  if (typeof script === 'function') return script(body, { callIndex, headers });
  if (Array.isArray(script)) {
    const plan = script[Math.min(callIndex, script.length - 1)];
    if (!plan) throw new Error('scripted-llm-server: empty script array');
    return plan;
  }
  return script;
}

/** Kills the socket mid-body, after what was written so far has reached the client. */
async function drop(res: ServerResponse): Promise<void> {
  await new Promise<void>((resolve) => { res.write('', () => resolve()); });
  await new Promise((resolve) => setTimeout(resolve, 20));
  res.socket?.destroy();
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startScriptedLlmServer(options: ScriptedLlmServerOptions): Promise<ScriptedLlmServer> {
  const requests: RecordedRequest[] = [];
  const shutdown = new AbortController();
  let chatCalls = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (data: Buffer) => chunks.push(data));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      if (text !== '') {
        try { body = JSON.parse(text); } catch { body = text; }
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const isChat = req.method === 'POST' && path === '/v1/chat/completions';
      let markClosed = (): void => {};
      const record: RecordedRequest = {
        method: req.method ?? 'GET', path, headers: req.headers, body,
        callIndex: isChat ? chatCalls++ : -1, clientClosedEarly: false,
        closed: new Promise<void>((resolve) => { markClosed = resolve; }),
      };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.clientClosedEarly = true;
        markClosed();
      });
      handle(record, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { code: 500, message: String(error) } });
        else res.destroy();
      });
    });
  });

  async function handle(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const { method, path } = record;
    if (method === 'GET' && path === '/v1/models') {
      const ids = options.models ?? ['openai/gpt-4o-mini', 'openrouter/auto'];
      sendJson(res, options.modelsStatus ?? 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })) });
    } else if (method === 'GET' && path === '/v1/credits') {
      if (options.credits === null) sendJson(res, 403, { error: { code: 403, message: 'Only management keys can fetch credits' } });
      else sendJson(res, 200, { data: options.credits ?? { total_credits: 10, total_usage: 2.5 } });
    } else if (method === 'GET' && path === '/v1/key') {
      sendJson(res, 200, { data: { label: 'sk-or-v1-scr...ted', is_free_tier: false, ...(options.key ?? { limit: null, usage: 0, limit_remaining: null }) } });
    } else if (method === 'POST' && path === '/v1/chat/completions') {
      await handleChat(record, res);
    } else {
      sendJson(res, 404, { error: { message: `No route ${method} ${path}`, type: 'invalid_request_error', code: 'not_found' } });
    }
  }

  async function handleChat(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = (typeof record.body === 'object' && record.body !== null ? record.body : {}) as Record<string, unknown>;
    const plan = await planFor(options.script, body, record.callIndex, record.headers);
    const wait = (ms: number | undefined): Promise<void> => (ms ? abortableSleep(ms, shutdown.signal) : Promise.resolve());
    await wait(plan.delayHeadersMs);
    const requested = typeof body.model === 'string' ? body.model : 'default';
    const model = plan.model ?? (requested === 'openrouter/auto' ? 'openai/gpt-4o-mini' : requested);
    const deltas = plan.chunks ?? splitText(plan.text ?? '');
    const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
    const promptText = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
    const usage = usageBlock(plan.usage, estimateTokens(promptText) + 3 + 4 * messages.length, estimateTokens(deltas.join('')));

    if (plan.status !== undefined && plan.status >= 400) {
      const headers: Record<string, string> = plan.retryAfter !== undefined ? { 'retry-after': String(plan.retryAfter) } : {};
      const errorBody = plan.errorBody ?? { error: { code: plan.status, message: `Scripted error ${plan.status}` } };
      if (typeof errorBody === 'string') {
        res.writeHead(plan.status, { 'content-type': 'text/plain', ...headers });
        res.end(errorBody);
      } else {
        sendJson(res, plan.status, errorBody, headers);
      }
      return;
    }
    if (body.stream !== true || plan.ignoreStream) {
      await wait(plan.delayFirstTokenMs);
      sendJson(res, 200, chatCompletion(model, deltas.join(''), plan.finishReason ?? 'stop', plan.omitUsage ? undefined : usage));
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const write = (text: string): boolean => (res.destroyed ? false : res.write(text));
    const id = `gen-${Date.now()}-${record.callIndex}`;
    if (plan.keepaliveComments) write(KEEPALIVE);
    await wait(plan.delayFirstTokenMs);
    if (plan.rawEvents) {
      for (const raw of plan.rawEvents) write(`data: ${raw}\n\n`);
      res.end();
      return;
    }
    write(`data: ${JSON.stringify(chunk(id, model, { role: 'assistant', content: '' }, null))}\n\n`);
    for (const [index, delta] of deltas.entries()) {
      if (res.destroyed) return;
      if (plan.dropConnectionAfter === index) { await drop(res); return; }
      if (plan.errorMidStreamAfter === index) {
        const failed = { ...chunk(id, model, { content: '' }, 'error'), error: { code: 502, message: 'Provider returned error: upstream disconnected' } };
        write(`data: ${JSON.stringify(failed)}\n\n`);
        res.end();
        return;
      }
      if (index > 0) await wait(plan.delayBetweenMs);
      if (plan.keepaliveComments && index > 0) write(KEEPALIVE);
      write(`data: ${JSON.stringify(chunk(id, model, { content: delta }, null))}\n\n`);
    }
    if (plan.dropConnectionAfter !== undefined && plan.dropConnectionAfter >= deltas.length) { await drop(res); return; }
    write(`data: ${JSON.stringify(chunk(id, model, {}, plan.finishReason ?? 'stop'))}\n\n`);
    const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
    const usageOption = body.usage as { include?: unknown } | undefined;
    const wantsUsage = streamOptions?.include_usage === true || usageOption?.include === true;
    if (wantsUsage && !plan.omitUsage) {
      write(`data: ${JSON.stringify({ ...chunk(id, model, {}, null), choices: [], usage })}\n\n`);
    }
    write('data: [DONE]\n\n');
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.callIndex >= 0),
    close: () => new Promise<void>((resolve) => {
      shutdown.abort();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
