/**
 * DOCX, HTML and EPUB through the production path (detect → parse in the worker pool →
 * propositions → store → ask): each built sample is ingested with its sections/chapters as pages,
 * spans stay exact over the whole store, an answer cites [file:page:start-end] on the right page,
 * and broken files are refused with typed errors while what was stored is kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp } from '../../src/testing/temp-app.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';
import { makeDocx, makeEpub, makeHtmlPage } from '../../src/testing/make-documents.ts';

test('DOCX, HTML and EPUB ingest with exact spans and page-numbered citations; broken ones are refused', { timeout: 10 * 60_000 }, async () => {
  const { app, cleanup } = await createTempApp();
  try {
    const docx = await makeDocx([
      { heading: 1, text: 'Greenhouse log' },
      { paragraph: 'Tomatoes were planted on the third of March in the east bed.' },
      { heading: 1, text: 'Pests' },
      { paragraph: 'Whitefly appeared in May and was controlled with yellow sticky traps.' },
      { listItem: 'Traps were replaced every two weeks.' },
    ]);
    const html = new TextEncoder().encode(makeHtmlPage('Lighthouse history', [
      { heading: 'Construction', paragraphs: ['The lighthouse tower was built from granite blocks quarried on the island in 1848 by local masons.'] },
      { heading: 'Keepers', paragraphs: ['Three keepers lived at the station and rotated the night watches until automation in 1982.'] },
    ]));
    const epub = await makeEpub('Mountain journal', [
      { title: 'Ascent', paragraphs: ['We reached the col at noon after six hours of climbing through fresh snow.'] },
      { title: 'Descent', paragraphs: ['The glacier crevasses forced a long detour on the way down to the hut.'] },
    ]);
    for (const [fileName, bytes, pages] of [['log.docx', docx, 2], ['lighthouse.html', html, 2], ['journal.epub', epub, 2]] as const) {
      const result = await app.ingest({ fileName, bytes });
      assert.equal(result.status, 'ingested', `${fileName}: ${result.error?.code ?? ''} ${result.error?.message ?? ''}`);
      assert.equal(result.pages, pages, fileName);
      assert.ok(result.propositions >= 2, fileName);
    }
    const html2 = app.documents.list({}).find((doc) => doc.file === 'lighthouse.html');
    const pageTexts = app.documents.pages(html2?.id ?? '').map((page) => page.text).join('\n');
    assert.ok(!pageTexts.includes('SCRIPT-TEXT') && !pageTexts.includes('NAVIGATION-LINK'), 'scripts and navigation dropped');

    const answer = await app.ask('When did the glacier crevasses force a detour?');
    assert.match(answer.answer, /\[journal\.epub:2:\d+-\d+\]/, answer.answer);
    const keepers = await app.ask('How many keepers lived at the lighthouse station?');
    assert.match(keepers.answer, /\[lighthouse\.html:2:\d+-\d+\]/, keepers.answer);

    const broken: Array<[string, Uint8Array, string]> = [
      ['cut.docx', docx.slice(0, docx.length - 40), 'PROPO_ERR_DOCX_CORRUPT'],
      ['cut.epub', epub.slice(0, 64), 'PROPO_ERR_EPUB_CORRUPT'],
      ['text.docx', new TextEncoder().encode('just words'), 'PROPO_ERR_UNSUPPORTED_TYPE'],
      ['blank.html', new TextEncoder().encode('<html><body><nav>Home</nav><script>x()</script></body></html>'), 'PROPO_ERR_EMPTY_FILE'],
    ];
    for (const [fileName, bytes, code] of broken) {
      const result = await app.ingest({ fileName, bytes });
      assert.equal(result.status, 'failed', fileName);
      assert.equal(result.error?.code, code, `${fileName}: ${result.error?.message ?? ''}`);
    }
    assert.equal(app.documents.list({}).length, 3, 'the good documents are kept');
    assert.deepEqual(await storeViolations(app), []);
  } finally {
    await cleanup();
  }
});
