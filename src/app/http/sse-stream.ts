/**
 * A Server-Sent Events response body. The stream is handed to `reply.send`, so Fastify's hooks
 * (security headers, request metrics) still run; `signal` aborts when the client goes away.
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

export function openSseStream(reply: FastifyReply): SseStream {
  const body = new PassThrough();
  const controller = new AbortController();
  let ended = false;
  reply.raw.on('close', () => {
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
      body.end();
    },
    signal: controller.signal,
  };
}
