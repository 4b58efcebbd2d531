import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { buildTestPdf, textAt } from '../../../../test/parsers/build-test-pdf.ts';
import { createPdfParser } from './pdf-parser.ts';
import { patchTextContentGate, textContentGate } from './pdfjs-worker-patch.ts';

const parser = createPdfParser({ maxPages: 10 });
const parse = (content: string) => parser.parse(buildTestPdf([content]), { fileName: 'gate.pdf' });
const workerSource = readFileSync(join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'legacy/build/pdf.worker.mjs'), 'utf8');

void test('the hidden-text marker applies to the installed pdf.js, once, and is active after loading (decision 0095)', async () => {
  const patched = patchTextContentGate(workerSource);
  assert.ok(patched !== null, 'the anchor moved: update patchTextContentGate for this pdf.js');
  assert.equal(patched.split('type: "propoMayHide"').length - 1, 1);
  assert.equal(patchTextContentGate('const OPS = {};'), null, 'another source is left alone');
  await parse(textAt(72, 700, 12, 'Dark text only.'));
  assert.equal(textContentGate, true);
});

void test('with the marker, every way of setting a light colour or an invisible mode still reaches the walk', async () => {
  const cases: Array<[string, string]> = [
    ['gray', '1 g'],
    ['cmyk', '0 0 0 0 k'],
    ['rgb in a colour space', '/DeviceRGB cs 1 1 1 sc'],
    ['scn', '/DeviceGray cs 1 scn'],
  ];
  for (const [name, colour] of cases) {
    const document = await parse([textAt(72, 700, 12, 'Visible line.'), `${colour} ${textAt(72, 680, 12, 'HIDDEN words here')} 0 g`].join('\n'));
    const text = document.pages[0]?.text ?? '';
    assert.ok(text.includes('Visible line.'), name);
    assert.ok(!text.includes('HIDDEN'), `${name}: ${text}`);
    assert.match(document.warnings[0] ?? '', /in the colour beneath it: 1\)/, name);
  }
  const invisible = await parse([textAt(72, 700, 12, 'Visible line.'), textAt(72, 680, 12, 'HIDDEN by mode 7', '7 Tr')].join('\n'));
  assert.ok(!(invisible.pages[0]?.text ?? '').includes('HIDDEN'));
  const dark = await parse([`0.2 0.2 0.2 rg ${textAt(72, 700, 12, 'Dark grey is read.')}`, `0 0 1 0 k ${textAt(72, 680, 12, 'Black in CMYK too.')}`].join('\n'));
  assert.deepEqual(dark.warnings, []);
  assert.match(dark.pages[0]?.text ?? '', /Dark grey is read\.\nBlack in CMYK too\./);
});

void test('loading pdf.js leaves the native Array.prototype.push and JSON in place', async () => {
  await parse(textAt(72, 700, 12, 'Loaded.'));
  assert.match(Function.prototype.toString.call(Array.prototype.push), /\[native code\]/);
  assert.match(Function.prototype.toString.call(JSON.stringify), /\[native code\]/);
  assert.match(Function.prototype.toString.call(JSON.parse), /\[native code\]/);
});
