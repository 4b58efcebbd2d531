import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTxtParser } from '../../providers/parsers/index.ts';
import { parseInWorker, type ParseInWorkerOptions } from './parse-in-worker.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const pdfDir = resolve(repoRoot, '../shared/datasets/documents/pdf');
const limits = { timeoutMs: 60_000, memoryMb: 256, maxPages: 5000 };
const options = (extra: Partial<ParseInWorkerOptions> & Pick<ParseInWorkerOptions, 'kind' | 'fileName'>): ParseInWorkerOptions => ({ ...limits, ...extra });
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

void test('parses in a worker with the same result as in-process', async () => {
  const bytes = text('one\r\ntwo\fthree');
  const length = bytes.byteLength;
  const inWorker = await parseInWorker(bytes, options({ kind: 'txt', fileName: 'a.txt' }));
  const inProcess = await createTxtParser().parse(bytes, { fileName: 'a.txt' });
  assert.deepEqual(inWorker, inProcess);
  assert.equal(bytes.byteLength, length, 'the caller keeps its bytes');
});

void test('a PDF parses in the worker, with pdf.js loaded there', async () => {
  const bytes = new Uint8Array(readFileSync(resolve(pdfDir, 'two_paragraphs.pdf')));
  const document = await parseInWorker(bytes, options({ kind: 'pdf', fileName: 'two_paragraphs.pdf' }));
  assert.equal(document.kind, 'pdf');
  assert.match(document.pages[0]?.text ?? '', /paragraph/);
});

void test('typed errors raised in the worker come back as PropoError with the same code', async () => {
  await assert.rejects(parseInWorker(text('  \n '), options({ kind: 'txt', fileName: 'a.txt' })), { name: 'PropoError', code: 'PROPO_ERR_EMPTY_FILE' });
  const encrypted = new Uint8Array(readFileSync(resolve(pdfDir, 'issue6010_1.pdf')));
  await assert.rejects(parseInWorker(encrypted, options({ kind: 'pdf', fileName: 'e.pdf' })), { name: 'PropoError', code: 'PROPO_ERR_PDF_ENCRYPTED' });
  const document = await parseInWorker(encrypted, options({ kind: 'pdf', fileName: 'e.pdf', password: 'abc' }));
  assert.ok(document.pages.length >= 1);
  await assert.rejects(parseInWorker(text('%PDF-1.4 x'), options({ kind: 'pdf', fileName: 'a.pdf', maxPages: 1 })), { code: 'PROPO_ERR_PDF_CORRUPT' });
});

void test('a parse that outlives its time bound is stopped with PROPO_ERR_PARSE_TIMEOUT', async () => {
  const big = new Uint8Array(readFileSync(resolve(pdfDir, 'freeculture.pdf')));
  const started = Date.now();
  await assert.rejects(parseInWorker(big, options({ kind: 'pdf', fileName: 'big.pdf', timeoutMs: 500 })), { code: 'PROPO_ERR_PARSE_TIMEOUT' });
  assert.ok(Date.now() - started < 5000, 'rejected near the deadline');
});

void test('a parse that exceeds its heap limit fails with PROPO_ERR_PARSE_MEMORY', async () => {
  const big = new Uint8Array(readFileSync(resolve(pdfDir, 'freeculture.pdf')));
  await assert.rejects(parseInWorker(big, options({ kind: 'pdf', fileName: 'big.pdf', memoryMb: 16 })), { code: 'PROPO_ERR_PARSE_MEMORY' });
});

void test('aborting the signal stops the worker with PROPO_ERR_ABORTED', async () => {
  const big = new Uint8Array(readFileSync(resolve(pdfDir, 'freeculture.pdf')));
  const controller = new AbortController();
  const parsing = parseInWorker(big, options({ kind: 'pdf', fileName: 'big.pdf', signal: controller.signal }));
  setTimeout(() => controller.abort(), 200);
  await assert.rejects(parsing, { code: 'PROPO_ERR_ABORTED' });
  await assert.rejects(parseInWorker(big, options({ kind: 'pdf', fileName: 'big.pdf', signal: controller.signal })), { code: 'PROPO_ERR_ABORTED' });
});
