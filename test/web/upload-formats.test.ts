/**
 * The web upload route accepts DOCX, HTML and EPUB (built samples) with one typed result per file,
 * and a citation on a DOCX section resolves to its exact span through /api/citations/resolve.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer } from '../../src/app/http/index.ts';
import { makeDocx, makeEpub, makeHtmlPage } from '../../src/testing/make-documents.ts';
import { createTestApp, multipartBody } from './test-app.ts';

interface DocResult { file: string; status: string; pages: number; error?: { code: string } }

test('upload: DOCX, HTML and EPUB are ingested; a renamed text file as .epub is refused; citations resolve', { timeout: 10 * 60_000 }, async () => {
  const t = await createTestApp({ LLM_PROVIDER: 'none' });
  const server = await buildServer(t.app);
  try {
    const sentence = 'The bridge inspection found corrosion on the third pier below the waterline.';
    const { body, contentType } = multipartBody([
      { name: 'inspection.docx', bytes: await makeDocx([{ heading: 1, text: 'Summary' }, { paragraph: 'All piers were inspected in April.' }, { heading: 1, text: 'Findings' }, { paragraph: sentence }]) },
      { name: 'page.html', bytes: Buffer.from(makeHtmlPage('Notes', [{ heading: 'Weather', paragraphs: ['Fog delayed the boats for most of the morning on the river estuary.'] }])), type: 'text/html' },
      { name: 'book.epub', bytes: await makeEpub('Book', [{ title: 'One', paragraphs: ['Chapter text about lanterns and harbours at dusk.'] }]) },
      { name: 'fake.epub', bytes: Buffer.from('plain text pretending to be a book') },
    ]);
    const response = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': contentType }, body });
    assert.equal(response.statusCode, 200);
    const { documents } = response.json<{ documents: DocResult[] }>();
    assert.deepEqual(documents.map((d) => [d.file, d.status, d.error?.code]), [
      ['inspection.docx', 'ingested', undefined], ['page.html', 'ingested', undefined], ['book.epub', 'ingested', undefined], ['fake.epub', 'failed', 'PROPO_ERR_UNSUPPORTED_TYPE'],
    ]);
    assert.equal(documents[0]?.pages, 2);
    const page = t.app.documents.pages(t.app.documents.list({}).find((d) => d.file === 'inspection.docx')?.id ?? '').find((p) => p.number === 2)?.text ?? '';
    const start = page.indexOf(sentence);
    assert.ok(start >= 0, page);
    const marker = `[inspection.docx:2:${start}-${start + sentence.length}]`;
    const resolved = await server.inject({ method: 'GET', url: `/api/citations/resolve?marker=${encodeURIComponent(marker)}` });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json<{ text: string }>().text, sentence);
  } finally {
    await server.close();
    await t.cleanup();
  }
});
