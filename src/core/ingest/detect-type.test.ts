import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPropoError } from '../errors/index.ts';
import { detectType } from './detect-type.ts';

const limit = { maxBytes: 1024 * 1024 };
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(isPropoError(error), 'expected a PropoError');
    return error.code;
  }
  assert.fail('expected an error');
}

void test('accepts each extension, case-insensitively, when the content matches', () => {
  assert.equal(detectType('paper.PDF', text('%PDF-1.7\n...'), limit), 'pdf');
  assert.equal(detectType('notes.txt', text('hello'), limit), 'txt');
  assert.equal(detectType('dir/README.md', text('# Title'), limit), 'md');
  assert.equal(detectType('a.Markdown', text('text'), limit), 'md');
});

void test('finds the PDF header after up to 1024 bytes of leading junk, not further', () => {
  const junk = (length: number): Uint8Array => new Uint8Array([...new Uint8Array(length).fill(0x20), ...text('%PDF-1.4')]);
  assert.equal(detectType('x.pdf', junk(1024), limit), 'pdf');
  assert.equal(codeOf(() => detectType('x.pdf', junk(1025), limit)), 'PROPO_ERR_UNSUPPORTED_TYPE');
});

void test('refuses a .pdf whose content is not a PDF and names what it is', () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  assert.throws(() => detectType('report.pdf', zip, limit), (error: unknown) =>
    isPropoError(error) && error.code === 'PROPO_ERR_UNSUPPORTED_TYPE' && error.message.includes('ZIP'));
  assert.equal(codeOf(() => detectType('report.pdf', text('just text'), limit)), 'PROPO_ERR_UNSUPPORTED_TYPE');
});

void test('refuses binary content named .txt or .md', () => {
  const samples: Array<[string, Uint8Array, string]> = [
    ['a.txt', text('%PDF-1.5 rest'), 'PDF'],
    ['a.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'PNG'],
    ['a.txt', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'JPEG'],
    ['a.txt', text('GIF89a....'), 'GIF'],
    ['a.txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'ELF'],
    ['a.txt', new Uint8Array([0x68, 0x69, 0x00, 0x68]), 'NUL'],
  ];
  for (const [name, bytes, named] of samples) {
    assert.throws(() => detectType(name, bytes, limit), (error: unknown) =>
      isPropoError(error) && error.code === 'PROPO_ERR_UNSUPPORTED_TYPE' && error.message.includes(named), `${name} ${named}`);
  }
});

void test('UTF-16 text with a byte order mark is text despite its NUL bytes', () => {
  const utf16 = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
  assert.equal(detectType('a.txt', utf16, limit), 'txt');
});

void test('other extensions are unsupported and the message lists the accepted ones', () => {
  for (const name of ['a.doc', 'a.odt', 'Makefile', '.md']) {
    assert.throws(() => detectType(name, text('x'), limit), (error: unknown) =>
      isPropoError(error) && error.code === 'PROPO_ERR_UNSUPPORTED_TYPE' && error.message.includes('.pdf .txt .md .markdown .docx .html .htm .xhtml .epub'), name);
  }
});

void test('DOCX and EPUB must be ZIP containers; HTML must be text; a legacy or encrypted Word file is named as such', () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
  assert.equal(detectType('a.docx', zip, limit), 'docx');
  assert.equal(detectType('a.EPUB', zip, limit), 'epub');
  assert.equal(detectType('a.htm', text('<p>x</p>'), limit), 'html');
  assert.equal(codeOf(() => detectType('a.docx', text('plain words'), limit)), 'PROPO_ERR_UNSUPPORTED_TYPE');
  assert.equal(codeOf(() => detectType('a.epub', text('plain words'), limit)), 'PROPO_ERR_UNSUPPORTED_TYPE');
  assert.equal(codeOf(() => detectType('a.html', zip, limit)), 'PROPO_ERR_UNSUPPORTED_TYPE');
  assert.equal(codeOf(() => detectType('a.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), limit)), 'PROPO_ERR_DOCX_CORRUPT');
});

void test('empty and oversized files get their own codes', () => {
  assert.equal(codeOf(() => detectType('a.txt', new Uint8Array(0), limit)), 'PROPO_ERR_EMPTY_FILE');
  assert.throws(() => detectType('a.txt', new Uint8Array(101), { maxBytes: 100 }), (error: unknown) =>
    isPropoError(error) && error.code === 'PROPO_ERR_FILE_TOO_LARGE' && error.message.includes('MAX_FILE_SIZE_MB'));
  assert.equal(detectType('a.txt', new Uint8Array(100).fill(0x61), { maxBytes: 100 }), 'txt');
});
