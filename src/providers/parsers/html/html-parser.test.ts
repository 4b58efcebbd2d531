import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PropoError } from '../../../core/errors/index.ts';
import { makeHtmlPage } from '../../../testing/make-documents.ts';
import { createHtmlParser } from './html-parser.ts';

const parser = createHtmlParser();
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const LONG = 'Estuaries mix fresh river water with salt water from the sea, and the brackish zone moves with every tide.';

void test('HTML keeps the article (title, headings, paragraphs, list items) and drops nav, scripts, sidebar and footer', async () => {
  const html = makeHtmlPage('Estuary field guide', [
    { heading: 'Salinity', paragraphs: [LONG, 'Salt marsh plants such as cordgrass tolerate flooding twice a day by tidal water.'] },
    { heading: 'Birds', paragraphs: ['Waders feed on the mudflats at low tide, probing for worms and small shellfish.'], list: ['Curlew', 'Redshank'] },
  ]);
  const parsed = await parser.parse(encode(html), { fileName: 'estuary.html' });
  assert.equal(parsed.kind, 'html');
  const all = parsed.pages.map((page) => page.text).join('\n\n');
  for (const dropped of ['SCRIPT-TEXT', 'NAVIGATION-LINK', 'FOOTER-TEXT', 'Other post', 'color:red']) assert.ok(!all.includes(dropped), `${dropped} leaked: ${all}`);
  assert.equal(parsed.pages.length, 2);
  assert.equal(parsed.pages[0]?.text.split('\n\n')[0], 'Estuary field guide');
  assert.ok(parsed.pages[0]?.text.includes(`Salinity\n\n${LONG}`));
  assert.equal(parsed.pages[1]?.number, 2);
  assert.ok(parsed.pages[1]?.text.startsWith('Birds\n\nWaders feed'));
  assert.ok(parsed.pages[1]?.text.endsWith('- Curlew\n\n- Redshank'));
});

void test('a short page that Readability declines still yields its body text without navigation', async () => {
  const html = '<html><head><title>t</title><script>evil()</script></head><body><nav>Menu</nav><p>Short note.</p></body></html>';
  const parsed = await parser.parse(encode(html), { fileName: 'note.htm' });
  assert.deepEqual(parsed.pages, [{ number: 1, text: 'Short note.' }]);
  assert.equal(parsed.warnings.length, 1);
});

void test('an HTML file with no visible text is refused with PROPO_ERR_EMPTY_FILE', async () => {
  await assert.rejects(parser.parse(encode('<html><body><script>x()</script><nav>Home</nav></body></html>'), { fileName: 'blank.html' }),
    (error: PropoError) => error.code === 'PROPO_ERR_EMPTY_FILE');
});
