import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSse, type SseEvent } from './sse-parser.ts';

async function* bytes(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function parse(parts: string[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSse(bytes(parts))) events.push(event);
  return events;
}

void describe('parseSse', () => {
  void it('parses data events and skips comment keepalives', async () => {
    const events = await parse([': OPENROUTER PROCESSING\n\n', 'data: {"a":1}\n\n', ': OPENROUTER PROCESSING\n\ndata: [DONE]\n\n']);
    assert.deepEqual(events.map((e) => e.data), ['{"a":1}', '[DONE]']);
    assert.equal(events[0]?.event, 'message');
  });

  void it('reassembles events split across byte chunks, including a split multi-byte character', async () => {
    const whole = 'data: {"text":"café ✓"}\n\n';
    const encoded = new TextEncoder().encode(whole);
    async function* split(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < encoded.length; i += 3) yield encoded.slice(i, i + 3);
    }
    const events: SseEvent[] = [];
    for await (const event of parseSse(split())) events.push(event);
    assert.deepEqual(events.map((e) => e.data), ['{"text":"café ✓"}']);
  });

  void it('joins multi-line data, reads event and id fields, accepts CRLF and CR line ends', async () => {
    const events = await parse(['event: update\r\nid: 7\r\ndata: line one\r', '\ndata: line two\r\n\r\n', 'data:no-space\r\r']);
    assert.deepEqual(events, [
      { event: 'update', id: '7', data: 'line one\nline two' },
      { event: 'message', id: '7', data: 'no-space' },
    ]);
  });

  void it('reads a web ReadableStream too', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: x\n\ndata: y\n\n'));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const event of parseSse(stream)) events.push(event);
    assert.deepEqual(events.map((e) => e.data), ['x', 'y']);
  });
});

void describe('parseSse at end of stream', () => {
  void it('accepts a last event without its blank line', async () => {
    const events = await parse(['data: a\n\ndata: [DONE]']);
    assert.deepEqual(events.map((e) => e.data), ['a', '[DONE]']);
  });
});
