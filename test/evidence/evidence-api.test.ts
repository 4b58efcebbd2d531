/**
 * Issue 15, the server half of reading the evidence, through the real server with auth on: the kept original
 * (`/api/documents/:id/original`) and the text items of a cited PDF span (`/api/citations/pdf-items`) need a
 * session or a token; the items' cited characters are the span's text; a page stored by another parser version
 * answers `matches: false`; pdf.js is served from the installed package and nothing else of node_modules is.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { UserRepository } from '../../src/app/security/user-repository.ts';
import { AUTH_ENV, makeTestApp, type TestApp } from '../security/security-harness.ts';
import { PDF_DIR } from '../web/test-app.ts';

const PDF = 'tracemonkey.pdf';
let t: TestApp;
let server: FastifyInstance;
let auth: { authorization: string };
let pdfId = '';

const squash = (text: string) => text.replace(/\s+/g, '');

before(async () => {
  t = await makeTestApp(AUTH_ENV);
  const result = await t.app.ingest({ fileName: PDF, bytes: new Uint8Array(readFileSync(join(PDF_DIR, PDF))) });
  assert.equal(result.status, 'ingested');
  pdfId = result.id;
  await t.app.ingest({ fileName: 'notes.md', bytes: new TextEncoder().encode('# Notes\n\nThe harbour lamp was converted to solar power in 2019.\n') });
  server = await buildServer(t.app);
  auth = { authorization: `Bearer ${new UserRepository(t.app.db).createToken('admin')}` };
});
after(async () => {
  await server.close();
  await t.close();
});

void test('the original needs auth, then comes back byte for byte as application/pdf', async () => {
  const anonymous = await server.inject({ method: 'GET', url: `/api/documents/${pdfId}/original` });
  assert.equal(anonymous.statusCode, 401);
  const ok = await server.inject({ method: 'GET', url: `/api/documents/${pdfId}/original`, headers: auth });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['content-type'], 'application/pdf');
  assert.match(String(ok.headers['content-disposition']), /^inline; filename="tracemonkey\.pdf"/);
  assert.deepEqual(new Uint8Array(ok.rawPayload), new Uint8Array(readFileSync(join(PDF_DIR, PDF))));
  const download = await server.inject({ method: 'GET', url: `/api/documents/${pdfId}/original?download=true`, headers: auth });
  assert.match(String(download.headers['content-disposition']), /^attachment;/);
  const missing = await server.inject({ method: 'GET', url: '/api/documents/nope/original', headers: auth });
  assert.equal(missing.statusCode, 404);
});

void test('pdf-items: for real citations, the items\' cited characters are exactly the span text', async () => {
  const anonymous = await server.inject({ method: 'GET', url: `/api/citations/pdf-items?marker=${encodeURIComponent(`[${PDF}:1:0-10]`)}` });
  assert.equal(anonymous.statusCode, 401);
  const propositions = t.app.documents.propositions(pdfId);
  // A spread of spans over several pages: some start or end inside an item, some run over lines and columns.
  const sample = propositions.filter((_, index) => index % Math.max(1, Math.floor(propositions.length / 25)) === 0).slice(0, 25);
  assert.ok(sample.length >= 20);
  let partial = 0;
  for (const p of sample) {
    const marker = `[${PDF}:${p.page}:${p.start}-${p.end}]`;
    const response = await server.inject({ method: 'GET', url: `/api/citations/pdf-items?marker=${encodeURIComponent(marker)}`, headers: auth });
    assert.equal(response.statusCode, 200, marker);
    const body = response.json<{ matches: boolean; items: Array<{ index: number; from: number; to: number; str: string }>; originalUrl: string }>();
    assert.equal(body.matches, true, marker);
    assert.equal(body.originalUrl, `/api/documents/${pdfId}/original`);
    const pageText = t.app.documents.page(pdfId, p.page)?.text ?? '';
    assert.equal(squash(body.items.map((item) => item.str.slice(item.from, item.to)).join('')), squash(pageText.slice(p.start, p.end)), marker);
    assert.ok(body.items.every((item, index) => index === 0 || item.index !== body.items[index - 1]?.index), 'one entry per item run');
    if (body.items.some((item) => item.from > 0 || item.to < item.str.length)) partial += 1;
  }
  assert.ok(partial > 0, 'some spans start or end inside an item');
});

void test('a page stored by another parser version: matches false, no items; a Markdown citation is refused', async () => {
  const p = t.app.documents.propositions(pdfId)[0];
  assert.ok(p);
  const stored = t.app.documents.page(pdfId, p.page)?.text ?? '';
  t.app.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = ?').run(stored.replace(/\n/g, ' '), pdfId, p.page);
  try {
    const response = await server.inject({ method: 'GET', url: `/api/citations/pdf-items?marker=${encodeURIComponent(`[${PDF}:${p.page}:${p.start}-${p.end}]`)}`, headers: auth });
    assert.equal(response.statusCode, 200);
    assert.deepEqual({ ...response.json<object>(), documentId: undefined, originalUrl: undefined }, { documentId: undefined, originalUrl: undefined, file: PDF, page: p.page, start: p.start, end: p.end, matches: false, items: [], annotationChars: 0 });
  } finally {
    t.app.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = ?').run(stored, pdfId, p.page);
  }
  const markdown = await server.inject({ method: 'GET', url: `/api/citations/pdf-items?marker=${encodeURIComponent('[notes.md:1:0-7]')}`, headers: auth });
  assert.equal(markdown.statusCode, 400);
  assert.match(markdown.json<{ error: { message: string } }>().error.message, /not a PDF/);
});

void test('pdf.js is served from the installed package (public, like the page); nothing else of node_modules is', async () => {
  for (const url of ['/vendor/pdfjs/build/pdf.min.mjs', '/vendor/pdfjs/build/pdf.worker.min.mjs', '/vendor/pdfjs/standard_fonts/FoxitFixed.pfb']) {
    const response = await server.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200, url);
  }
  assert.match(String((await server.inject({ method: 'GET', url: '/vendor/pdfjs/build/pdf.min.mjs' })).headers['content-type']), /javascript/);
  for (const url of ['/vendor/pdfjs/package.json', '/vendor/pdfjs/build/pdf.mjs', '/vendor/pdfjs/../package.json', '/vendor/pdfjs/legacy/build/pdf.mjs']) {
    const response = await server.inject({ method: 'GET', url });
    assert.ok(response.statusCode === 404 || response.statusCode === 401, `${url}: ${response.statusCode}`);
    assert.doesNotMatch(response.body, /"name": "pdfjs-dist"|pdfjsVersion/, url);
  }
});

void test('source: a Markdown citation maps to its source characters; TXT to its page text', async () => {
  const md = t.app.documents.list({ namespace: t.app.config.namespace }).find((d) => d.file === 'notes.md');
  assert.ok(md);
  const p = t.app.documents.propositions(md.id).find((x) => x.text.includes('solar'));
  assert.ok(p);
  const anonymous = await server.inject({ method: 'GET', url: `/api/citations/source?marker=${encodeURIComponent(`[notes.md:${p.page}:${p.start}-${p.end}]`)}` });
  assert.equal(anonymous.statusCode, 401);
  const response = await server.inject({ method: 'GET', url: `/api/citations/source?marker=${encodeURIComponent(`[notes.md:${p.page}:${p.start}-${p.end}]`)}`, headers: auth });
  assert.equal(response.statusCode, 200);
  const body = response.json<{ format: string; text: string; start: number; end: number }>();
  assert.equal(body.format, 'markdown');
  assert.equal(body.text, '# Notes\n\nThe harbour lamp was converted to solar power in 2019.\n');
  assert.equal(body.text.slice(body.start, body.end), t.app.documents.page(md.id, p.page)?.text.slice(p.start, p.end));
  const pdf = await server.inject({ method: 'GET', url: `/api/citations/source?marker=${encodeURIComponent(`[${PDF}:1:0-10]`)}`, headers: auth });
  assert.equal(pdf.statusCode, 400);
});
