import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createParserRegistry } from './parser-registry.ts';

void test('returns a parser for each kind and refuses unknown kinds with a typed error', () => {
  const registry = createParserRegistry({ maxPdfPages: 10 });
  for (const kind of registry.kinds) assert.equal(registry.get(kind).kind, kind);
  assert.deepEqual([...registry.kinds].sort(), ['docx', 'epub', 'html', 'image', 'md', 'pdf', 'txt']);
  for (const unknown of ['doc', '', 'PDF']) assert.throws(() => registry.get(unknown), { code: 'PROPO_ERR_UNSUPPORTED_TYPE' });
});

void test('the PDF parser honours maxPdfPages', async () => {
  const registry = createParserRegistry({ maxPdfPages: 1 });
  const { buildTestPdf, textAt } = await import('../../../test/parsers/build-test-pdf.ts');
  const two = buildTestPdf([textAt(72, 700, 12, 'one'), textAt(72, 700, 12, 'two')]);
  await assert.rejects(registry.get('pdf').parse(two, { fileName: 'two.pdf' }), { code: 'PROPO_ERR_PDF_LIMITS' });
});
