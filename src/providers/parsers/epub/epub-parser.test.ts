import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { PropoError } from '../../../core/errors/index.ts';
import { makeEpub } from '../../../testing/make-documents.ts';
import { createEpubParser } from './epub-parser.ts';

const parser = createEpubParser({ maxChapters: 50 });

void test('EPUB chapters in spine order become pages; the text-less cover and the non-linear nav are skipped', async () => {
  const bytes = await makeEpub('A small book', [
    { title: 'The harbour', paragraphs: ['Boats left the harbour before dawn.', 'Gulls followed the nets.'] },
    { title: 'The storm', paragraphs: ['By noon the wind had turned north-east.'] },
  ]);
  const parsed = await parser.parse(bytes, { fileName: 'book.epub' });
  assert.equal(parsed.kind, 'epub');
  assert.deepEqual(parsed.pages, [
    { number: 1, text: 'The harbour\n\nBoats left the harbour before dawn.\n\nGulls followed the nets.' },
    { number: 2, text: 'The storm\n\nBy noon the wind had turned north-east.' },
  ]);
});

void test('broken EPUBs are refused with typed errors', async () => {
  const good = await makeEpub('B', [{ title: 'One', paragraphs: ['Text.'] }]);
  const reject = (bytes: Uint8Array, code: string): Promise<void> =>
    assert.rejects(parser.parse(bytes, { fileName: 'x.epub' }), (error: PropoError) => error.code === code);
  await reject(good.slice(0, 100), 'PROPO_ERR_EPUB_CORRUPT');
  const zip = await JSZip.loadAsync(good);
  zip.remove('META-INF/container.xml');
  await reject(await zip.generateAsync({ type: 'uint8array' }), 'PROPO_ERR_EPUB_CORRUPT');
  await reject(await makeEpub('C', [{ title: 'One', paragraphs: ['Secret.'] }], { encryptChapters: true }), 'PROPO_ERR_EPUB_ENCRYPTED');
  await assert.rejects(createEpubParser({ maxChapters: 1 }).parse(await makeEpub('D', [{ title: 'a', paragraphs: ['x'] }, { title: 'b', paragraphs: ['y'] }]), { fileName: 'd.epub' }),
    (error: PropoError) => error.code === 'PROPO_ERR_PDF_LIMITS');
});
