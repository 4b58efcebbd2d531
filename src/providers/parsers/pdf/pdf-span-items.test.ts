import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPdfParser } from './pdf-parser.ts';
import { locatePdfSpan } from './pdf-span-items.ts';

const pdfDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../shared/datasets/documents/pdf');

void test('a page stored by the PDFium engine is located on the pdf.js items the browser shows (decision 0136)', async () => {
  const bytes = new Uint8Array(readFileSync(resolve(pdfDir, 'tracemonkey.pdf')));
  const pdfium = await createPdfParser({ maxPages: 100, engine: 'pdfium' }).parse(bytes, { fileName: 'tracemonkey.pdf' });
  const pdfjs = await createPdfParser({ maxPages: 100, engine: 'pdfjs' }).parse(bytes, { fileName: 'tracemonkey.pdf' });
  const differing = pdfium.pages.filter((page, index) => page.text !== pdfjs.pages[index]?.text);
  assert.ok(differing.length > 0, 'some page is laid out differently by the two engines');
  for (const page of differing) {
    const start = page.text.indexOf('trace');
    const end = start + 60;
    const located = await locatePdfSpan(bytes, { fileName: 'tracemonkey.pdf', page: page.number, start, end, storedText: page.text });
    assert.equal(located.matches, true, `page ${page.number}`);
    const shown = located.items.map((item) => item.str.slice(item.from, item.to)).join('').replace(/\s+/g, '');
    assert.equal(shown, page.text.slice(start, end).replace(/\s+/g, ''), `page ${page.number}`);
  }
  const stale = await locatePdfSpan(bytes, { fileName: 'tracemonkey.pdf', page: 1, start: 0, end: 5, storedText: 'stored by another parser' });
  assert.deepEqual(stale, { matches: false, items: [], annotationChars: 0 });
});
