/**
 * Issue 15, reading the evidence in real Chromium: a PDF citation opens the page rendered by pdf.js (served by
 * the app) with boxes over exactly the cited characters. The boxes are checked against pdf.js's own text layer:
 * every box lies inside the text-layer span of an item of the cited span, every such item gets a box, the boxed
 * characters are the cited text, and no box covers another item. Zoom redraws the boxes larger; previous/next
 * walks the answer's citations; "Open original" serves the kept PDF. Screenshot: docs/screenshots/source-pdf.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, PDF_DIR, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const SHOTS = join(REPO_ROOT, 'docs/screenshots');
const PDF = 'tracemonkey.pdf';
const MARKDOWN = [
  '# Skerry Point',
  '',
  'Raw HTML stays text: <img src=x onerror="window.pwned=1"> and <b>bold tag</b>.',
  '',
  '## Power',
  '',
  'The lighthouse lamp on Skerry Point was converted to **solar power** in 2019 by the [harbour trust](https://example.org/trust).',
  '',
  '- The keeper left in 1987.',
  '',
].join('\n');

interface Measured {
  boxes: Array<{ item: number; from: number; to: number; exact: boolean; left: number; top: number; right: number; bottom: number }>;
  divs: Array<{ item: number; text: string; left: number; top: number; right: number; bottom: number }>;
}

/** Rects of the highlight boxes and of every text-layer span, in page coordinates. */
function measure(page: Page): Promise<Measured> {
  // No named helpers inside evaluate: the test loader would add a __name call the page does not have.
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll<HTMLElement>('#pdf-page .pdf-box')).map((box) => {
      const r = box.getBoundingClientRect();
      return { item: Number(box.dataset.item), from: Number(box.dataset.from), to: Number(box.dataset.to), exact: box.dataset.exact === 'true', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    const divs = Array.from(document.querySelectorAll<HTMLElement>('#pdf-page .textLayer span[data-item]')).map((div) => {
      const r = div.getBoundingClientRect();
      return { item: Number(div.dataset.item), text: div.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    return { boxes, divs };
  });
}

const area = (r: { left: number; top: number; right: number; bottom: number }) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);
const overlap = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) =>
  area({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
const squash = (text: string) => text.replace(/\s+/g, '');

void describe('source viewer: the rendered PDF page in Chromium', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    const result = await t.app.ingest({ fileName: PDF, bytes: new Uint8Array(readFileSync(join(PDF_DIR, PDF))) });
    assert.equal(result.status, 'ingested');
    await t.app.ingest({ fileName: 'lighthouse.md', bytes: new TextEncoder().encode(MARKDOWN) });
    await t.app.ingest({ fileName: 'orchard.txt', bytes: new TextEncoder().encode('Notes on the mill.\n\nThe orchard behind the old mill grows forty varieties of heritage apples.\nThey are pressed into cider each October.\n') });
    ({ running, browser, page } = await openE2e(t, problems));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  void test('a PDF citation shows the page with boxes over exactly the cited characters', async () => {
    await page.goto(running.url);
    await waitForPage(page, problems);
    await page.fill('#question', 'How does trace-based compilation handle loops?');
    await page.press('#question', 'Enter');
    await page.waitForSelector('.message.assistant:not(.streaming) .citation-chip');
    const chip = page.locator('.message.assistant .citation-chip').first();
    const marker = await chip.getAttribute('data-marker') ?? '';
    await chip.click();
    await page.waitForSelector('#pdf-page .pdf-box');
    await page.waitForSelector('#source-mark');

    const located = await (await fetch(`${running.url}/api/citations/pdf-items?marker=${encodeURIComponent(marker)}`)).json() as { matches: boolean; items: Array<{ index: number; from: number; to: number; str: string }> };
    assert.equal(located.matches, true, 'the stored page text is rebuilt exactly from the PDF');
    const cited = await page.textContent('#source-mark') ?? '';
    assert.ok(cited.length > 20, cited);

    const { boxes, divs } = await measure(page);
    const spanItems = new Set(located.items.map((item) => item.index));
    assert.ok(boxes.length >= located.items.length && located.items.length > 0);
    assert.deepEqual(new Set(boxes.map((box) => box.item)), spanItems, 'every item of the span has a box and no other item does');
    assert.ok(boxes.every((box) => box.exact), 'the browser read the same items as the server');
    const byItem = new Map(divs.map((div) => [div.item, div]));
    for (const box of boxes) {
      const div = byItem.get(box.item);
      assert.ok(div, `item ${box.item} is in the text layer`);
      // Inside its item's text-layer span (1 px of rounding), and no wider than the cited characters allow.
      assert.ok(box.left >= div.left - 1 && box.right <= div.right + 1 && box.top >= div.top - 1 && box.bottom <= div.bottom + 1, `box of item ${box.item} inside its span`);
      const share = (box.to - box.from) / div.text.length;
      if (share < 0.9) assert.ok(area(box) < area(div) * Math.min(1, share + 0.25), `a partly cited item (${box.from}-${box.to} of ${div.text.length}) gets a partial box`);
      for (const other of divs) {
        if (spanItems.has(other.item)) continue;
        assert.ok(overlap(box, other) <= 0.2 * area(box), `box of item ${box.item} does not cover item ${other.item} (“${other.text.slice(0, 30)}”)`);
      }
    }
    // The boxed characters are the cited span (the layout adds only spaces and line breaks).
    const boxed = located.items.map((item) => byItem.get(item.index)?.text.slice(item.from, item.to) ?? '').join('');
    assert.equal(squash(boxed), squash(cited));
    await page.locator('#pdf-scroll').screenshot({ path: join(SHOTS, 'source-pdf-page.png') });
    await page.screenshot({ path: join(SHOTS, 'source-pdf.png') });
  });

  void test('zoom redraws the page and its boxes larger; previous/next walk the citations', async () => {
    const before = await measure(page);
    const widthBefore = before.boxes.reduce((sum, box) => sum + box.right - box.left, 0);
    const zoomBefore = await page.textContent('#source-zoom');
    await page.click('#source-zoom-in');
    await page.waitForFunction((label) => document.querySelector('#source-zoom')?.textContent !== label, zoomBefore);
    await page.waitForFunction((count) => document.querySelectorAll('#pdf-page .pdf-box').length === count, before.boxes.length);
    const after = await measure(page);
    const widthAfter = after.boxes.reduce((sum, box) => sum + box.right - box.left, 0);
    assert.ok(Math.abs(widthAfter / widthBefore - 1.25) < 0.05, `boxes grow with the zoom (${widthBefore} → ${widthAfter})`);

    const markers = await page.locator('.message.assistant .citation-chip').evaluateAll((chips) => [...new Set(chips.map((c) => (c as HTMLElement).dataset.marker))]);
    if (markers.length > 1) {
      assert.equal(await page.isDisabled('#source-prev'), true);
      await page.click('#source-next');
      await page.waitForFunction((text) => document.querySelector('#source-position')?.textContent === text, `Citation 2 of ${markers.length}`);
      await page.waitForSelector('#source-mark');
      assert.match(await page.textContent('#source-meta') ?? '', new RegExp(`characters ${/:(\d+)-(\d+)\]$/.exec(markers[1] ?? '')?.[1]}–`));
      await page.click('#source-prev');
      await page.waitForFunction(() => document.querySelector('#source-position')?.textContent?.startsWith('Citation 1 of'));
    } else {
      assert.equal(await page.isDisabled('#source-next'), true);
    }
  });

  void test('"Open original" serves the kept PDF; Escape closes the viewer and focus returns to the chip', async () => {
    const href = await page.getAttribute('#source-original', 'href') ?? '';
    assert.match(href, /^\/api\/documents\/[^/]+\/original$/);
    const response = await fetch(`${running.url}${href}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual(bytes, new Uint8Array(readFileSync(join(PDF_DIR, PDF))));
    await page.focus('#source-zoom-in');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#source-viewer', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('citation-chip')), true);
  });

  /** Asks, opens the first chip citing `file`, and returns the cited plain text (the page text's span). */
  async function openCitationOf(question: string, file: string): Promise<string> {
    await page.click('#new-chat');
    await page.fill('#question', question);
    await page.press('#question', 'Enter');
    await page.waitForSelector('.message.assistant:not(.streaming)');
    const chip = page.locator(`.message.assistant .citation-chip[data-marker^="[${file}:"]`).first();
    await chip.click();
    await page.waitForSelector('#source-doc:not([hidden]) mark.source-hit');
    return await page.textContent('#source-mark') ?? '';
  }

  void test('a Markdown citation shows the rendered source, safely, with the span marked', async () => {
    const cited = await openCitationOf('When was the Skerry Point lighthouse lamp converted to solar power?', 'lighthouse.md');
    assert.match(cited, /converted to solar power in 2019/);
    const marked = await page.locator('#source-doc mark.source-hit').allTextContents();
    assert.equal(marked.join(''), cited, 'the marks hold exactly the cited characters, without the Markdown markup');
    assert.equal(await page.locator('#source-doc strong').filter({ hasText: 'solar power' }).count(), 1, 'Markdown is rendered');
    assert.equal(await page.locator('#source-doc .md-heading').count(), 2);
    // Raw HTML is shown as text, never parsed.
    assert.equal(await page.locator('#source-doc img, #source-doc b, #source-doc a[href]').count(), 0);
    assert.match(await page.textContent('#source-doc') ?? '', /<img src=x onerror="window\.pwned=1">/);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.equal(await page.isHidden('#pdf-scroll'), true);
    assert.equal(await page.isHidden('#source-zoom-in'), true, 'no zoom for a text source');
    await page.locator('#source-viewer').screenshot({ path: join(SHOTS, 'source-markdown.png') });
  });

  void test('a TXT citation shows the text with the span marked', async () => {
    const cited = await openCitationOf('How many varieties of heritage apples grow in the orchard behind the mill?', 'orchard.txt');
    assert.match(cited, /forty varieties/);
    assert.equal((await page.locator('#source-doc mark.source-hit').allTextContents()).join(''), cited);
    assert.match(await page.textContent('#source-doc') ?? '', /Notes on the mill\./);
  });

  void test('no script errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
