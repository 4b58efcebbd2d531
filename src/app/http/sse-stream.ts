/**
 * A Server-Sent Events response body. The stream is handed to `reply.send`, so Fastify's hooks
 * (security headers, request metrics) still run; `signal` aborts when the client goes away.
 * The headers are flushed when the body starts (before the first event), and a `: keep-alive` comment every 15 s
 * keeps quiet streams inside the idle timeout (issue 14 item 15).
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface SseStream {
  /** Writes one event; `data` is JSON-encoded unless it is already a string. */
  send(event: string | null, data: unknown): void;
  end(): void;
  /** Aborted when the client disconnects before the stream ends. */
  readonly signal: AbortSignal;
}

/** Comment line sent while an answer is quiet, well inside the server's idle timeout (server-timeouts.ts). */
export const SSE_HEARTBEAT_MS = 15_000;

export function openSseStream(reply: FastifyReply, options: { heartbeatMs?: number } = {}): SseStream {
  const body = new PassThrough();
  const controller = new AbortController();
  let ended = false;
  const heartbeat = setInterval(() => { if (!ended) body.write(': keep-alive\n\n'); }, options.heartbeatMs ?? SSE_HEARTBEAT_MS);
  heartbeat.unref();
  // The status and headers go out as soon as Fastify starts piping the body, not with the first event: a client sees
  // the stream open before the answer is computed (a cold first search at 100k+ propositions takes seconds).
  reply.raw.once('pipe', () => { if (!reply.raw.headersSent) reply.raw.flushHeaders(); });
  reply.raw.on('close', () => {
    clearInterval(heartbeat);
    if (!ended || !reply.raw.writableFinished) controller.abort();
  });
  void reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .send(body);
  return {
    send(event, data) {
      if (ended) return;
      const payload = typeof data === 'string' ? data : JSON.stringify(data);
      const lines = payload.split('\n').map((line) => `data: ${line}`).join('\n');
      body.write(`${event ? `event: ${event}\n` : ''}${lines}\n\n`);
    },
    end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      body.end();
    },
    signal: controller.signal,
  };
}
