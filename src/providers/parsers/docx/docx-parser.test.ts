import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { PropoError } from '../../../core/errors/index.ts';
import { makeDocx } from '../../../testing/make-documents.ts';
import { createDocxParser } from './docx-parser.ts';

const parser = createDocxParser();

void test('DOCX headings and list items become paragraphs; each Heading 1/2 starts a section', async () => {
  const bytes = await makeDocx([
    { heading: 1, text: 'Field notes' },
    { paragraph: 'Alder trees fix nitrogen through root nodules & enrich poor soil.' },
    { listItem: 'Nodules form within weeks.' },
    { listItem: 'Frankia bacteria live inside them.' },
    { heading: 2, text: 'Second visit' },
    { heading: 3, text: 'Weather' },
    { paragraph: 'It rained all afternoon at the river site.' },
  ]);
  const parsed = await parser.parse(bytes, { fileName: 'notes.docx' });
  assert.equal(parsed.kind, 'docx');
  assert.deepEqual(parsed.pages, [
    { number: 1, text: 'Field notes\n\nAlder trees fix nitrogen through root nodules & enrich poor soil.\n\n- Nodules form within weeks.\n\n- Frankia bacteria live inside them.' },
    { number: 2, text: 'Second visit\n\nWeather\n\nIt rained all afternoon at the river site.' },
  ]);
});

void test('a damaged or non-Word ZIP is refused with PROPO_ERR_DOCX_CORRUPT; an empty document with PROPO_ERR_EMPTY_FILE', async () => {
  const truncated = (await makeDocx([{ paragraph: 'Some text here.' }])).slice(0, 200);
  await assert.rejects(parser.parse(truncated, { fileName: 'cut.docx' }), (error: PropoError) => error.code === 'PROPO_ERR_DOCX_CORRUPT');
  const zip = new JSZip();
  zip.file('hello.txt', 'not a word file');
  const notWord = await zip.generateAsync({ type: 'uint8array' });
  await assert.rejects(parser.parse(notWord, { fileName: 'zip.docx' }), (error: PropoError) => error.code === 'PROPO_ERR_DOCX_CORRUPT');
  await assert.rejects(parser.parse(await makeDocx([]), { fileName: 'empty.docx' }), (error: PropoError) => error.code === 'PROPO_ERR_EMPTY_FILE');
});
