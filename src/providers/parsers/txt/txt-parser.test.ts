import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTxtParser } from './txt-parser.ts';

const parser = createTxtParser();
const parse = (bytes: Uint8Array) => parser.parse(bytes, { fileName: 'test.txt' });

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = [endian === 'le' ? 0xff : 0xfe, endian === 'le' ? 0xfe : 0xff];
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const pair = [unit & 0xff, unit >> 8];
    bytes.push(...(endian === 'le' ? pair : pair.reverse()));
  }
  return new Uint8Array(bytes);
}

void test('decodes UTF-8 and strips its byte order mark', async () => {
  const body = new TextEncoder().encode('naïve café — ok');
  const document = await parse(new Uint8Array([0xef, 0xbb, 0xbf, ...body]));
  assert.deepEqual(document.pages, [{ number: 1, text: 'naïve café — ok' }]);
  assert.deepEqual(document.warnings, []);
  assert.equal(document.kind, 'txt');
});

void test('decodes UTF-16 LE and BE with a byte order mark', async () => {
  const sample = 'Grüße, 世界\nline two';
  for (const endian of ['le', 'be'] as const) {
    const document = await parse(utf16(sample, endian));
    assert.equal(document.pages[0]?.text, sample, endian);
  }
});

void test('falls back to Latin-1 for bytes that are not UTF-8, with a warning', async () => {
  const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xa3, 0x35]);
  const document = await parse(latin1);
  assert.equal(document.pages[0]?.text, 'café £5');
  assert.equal(document.warnings.length, 1);
  assert.match(document.warnings[0] ?? '', /Latin-1/);
});

void test('normalises CRLF and CR to LF', async () => {
  const document = await parse(new TextEncoder().encode('a\r\nb\rc\n'));
  assert.equal(document.pages[0]?.text, 'a\nb\nc\n');
});

void test('a form feed starts a new page and belongs to none', async () => {
  const document = await parse(new TextEncoder().encode('page one\n\fpage two\r\n\f\fpage four'));
  assert.deepEqual(document.pages, [
    { number: 1, text: 'page one\n' },
    { number: 2, text: 'page two\n' },
    { number: 3, text: '' },
    { number: 4, text: 'page four' },
  ]);
});

void test('whitespace-only content is an empty file', async () => {
  await assert.rejects(parse(new TextEncoder().encode(' \n\t\f \r\n')), { code: 'PROPO_ERR_EMPTY_FILE' });
});

void test('an aborted signal stops parsing with PROPO_ERR_ABORTED', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(parser.parse(new TextEncoder().encode('x'), { fileName: 'a.txt', signal: controller.signal }), { code: 'PROPO_ERR_ABORTED' });
});
