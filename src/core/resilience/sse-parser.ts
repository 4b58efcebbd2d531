/**
 * A Server-Sent Events parser (WHATWG "event stream" framing) over a byte stream.
 * Comment lines (`: OPENROUTER PROCESSING` keepalives) are skipped, multi-line `data:` fields
 * are joined with `\n`, and CRLF, CR or LF line ends are accepted. JSON decoding is left to the
 * caller: this layer knows only the framing.
 */

/** One dispatched SSE event. `event` is `message` unless the server named it. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

async function* chunksOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (!('getReader' in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Parses `source` (a fetch `response.body` or any byte iterable) into events, in order. */
export async function* parseSse(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let data: string[] = [];
  let eventName = '';
  let id: string | undefined;

  const dispatch = (): SseEvent | null => {
    if (data.length === 0) {
      eventName = '';
      return null;
    }
    const event: SseEvent = { event: eventName || 'message', data: data.join('\n') };
    if (id !== undefined) event.id = id;
    data = [];
    eventName = '';
    return event;
  };

  const handleLine = (line: string): SseEvent | null => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    return null;
  };

  for await (const bytes of chunksOf(source)) {
    buffer += decoder.decode(bytes, { stream: true });
    let match: RegExpExecArray | null;
    // A lone trailing CR may be the first half of CRLF: wait for more bytes before splitting on it.
    while ((match = /\r\n|\n|\r(?=[^\n])/.exec(buffer)) !== null) {
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      const event = handleLine(line);
      if (event) yield event;
    }
  }
  buffer += decoder.decode();
  // A final CR is a complete line end; a final unterminated line is accepted leniently.
  const last = handleLine(buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer);
  if (last) yield last;
  const pending = dispatch();
  if (pending) yield pending;
}
