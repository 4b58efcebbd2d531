/**
 * The web UI in real headless Chromium against the real server on a free port: upload through
 * the Ingest tab, a streamed answer in Chat, a citation chip opening the source viewer with the
 * exact span highlighted, a failed upload's error, the calculator, deleting a document, and a
 * screenshot of every tab (docs/screenshots/<tab>.png). Reports first paint (no timing assertion).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, PDF_DIR, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const SHOTS = join(REPO_ROOT, 'docs/screenshots');
const PDF = 'tracemonkey.pdf';

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: name !== 'chat' && name !== 'chat-empty' });
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#panel-${name}:not([hidden])`);
}

void describe('web UI in Chromium', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    // Two evaluation runs as the harness writes them, so the Evaluation tab has something to chart and compare.
    mkdirSync(join(t.dataDir, 'eval-runs'), { recursive: true });
    writeFileSync(join(t.dataDir, 'eval-runs/2025-01-01T00-00-00Z.json'), JSON.stringify({ name: 'baseline', dataset: 'squad-mini', createdAt: '2025-01-01T00:00:00Z', metrics: { recallAt5: 0.62, mrr: 0.48, citationPrecision: 0.9 } }));
    writeFileSync(join(t.dataDir, 'eval-runs/2025-01-02T00-00-00Z.json'), JSON.stringify({ name: 'hybrid', dataset: 'squad-mini', createdAt: '2025-01-02T00:00:00Z', metrics: { recallAt5: 0.71, mrr: 0.55, citationPrecision: 0.93 } }));
    ({ running, browser, page } = await openE2e(t, problems));
    page.on('console', (message) => { if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`); });
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  void test('first paint is measured and the app starts without errors', async () => {
    await page.goto(running.url);
    await waitForPage(page, problems);
    const paints = await page.evaluate(() => performance.getEntriesByType('paint').map((entry) => ({ name: entry.name, ms: Math.round(entry.startTime) })));
    const firstPaint = paints.find((p) => p.name === 'first-contentful-paint') ?? paints[0];
    assert.ok(firstPaint, 'the browser reported a paint');
    process.stdout.write(`# first paint: ${JSON.stringify(paints)}\n`);
    await page.waitForSelector('.empty-chat');
    assert.match(await page.textContent('.empty-chat') ?? '', /No documents yet/);
    // Issue 14 item 2: with auth off the header shows neither "local (admin)" nor "Log out".
    assert.equal(await page.isHidden('#user-box'), true);
    assert.equal(await page.isHidden('#logout-button'), true);
  });

  void test('Ingest tab: a real PDF uploads and finishes; an encrypted PDF and an .exe show their errors', async () => {
    await openTab(page, 'ingest');
    await page.setInputFiles('#file-input', join(PDF_DIR, PDF));
    const row = page.locator(`.upload-item[data-file="${PDF}"]`);
    await row.waitFor();
    await page.waitForSelector(`.upload-item[data-file="${PDF}"][data-status="ingested"]`, { timeout: 120_000 });
    assert.match(await row.locator('.upload-status').textContent() ?? '', /ingested · 14 pages · \d+ propositions/);
    assert.equal(await row.locator('progress').getAttribute('value'), '100');

    await page.setInputFiles('#file-input', [
      { name: 'issue3371.pdf', mimeType: 'application/pdf', buffer: readFileSync(join(PDF_DIR, 'issue3371.pdf')) },
      { name: 'installer.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00this is a program') },
    ]);
    await page.waitForSelector('.upload-item[data-file="issue3371.pdf"][data-status="failed"]', { timeout: 60_000 });
    await page.waitForSelector('.upload-item[data-file="installer.exe"][data-status="failed"]');
    assert.match(await page.textContent('.upload-item[data-file="issue3371.pdf"] .upload-error') ?? '', /PROPO_ERR_PDF_ENCRYPTED/);
    assert.match(await page.textContent('.upload-item[data-file="installer.exe"] .upload-error') ?? '', /PROPO_ERR_UNSUPPORTED_TYPE/);
    assert.match(await page.textContent('#ingest-summary') ?? '', /0 ingested, 2 failed/);
    await shoot(page, 'ingest');
  });

  void test('Chat: a streamed answer with citation chips; a chip opens the page with the exact span marked', async () => {
    await openTab(page, 'chat');
    await page.click('#new-chat');
    await page.waitForSelector('.example-question');
    await shoot(page, 'chat-empty');
    await page.fill('#question', 'How does trace-based compilation handle loops?');
    await page.press('#question', 'Enter');
    const answer = page.locator('.message.assistant').last();
    await page.waitForSelector('.message.assistant:not(.streaming)');
    assert.match(await answer.locator('.usage').textContent() ?? '', /extractive · 0 tokens · \$0\.00/);
    const chips = answer.locator('.citation-chip');
    assert.ok(await chips.count() >= 1, 'the answer has citation chips');
    const marker = await chips.first().getAttribute('data-marker') ?? '';
    const ref = /^\[(.+):(\d+):(\d+)-(\d+)\]$/.exec(marker);
    assert.ok(ref, marker);
    await chips.first().click();
    await page.waitForSelector('#source-viewer:not([hidden]) #source-mark');
    const marked = await page.textContent('#source-mark');
    const docs = await (await fetch(`${running.url}/api/documents`)).json() as { documents: Array<{ id: string; file: string }> };
    const doc = docs.documents.find((d) => d.file === ref[1]);
    assert.ok(doc);
    const pageText = (await (await fetch(`${running.url}/api/documents/${doc.id}/pages/${ref[2]}`)).json() as { text: string }).text;
    assert.equal(marked, pageText.slice(Number(ref[3]), Number(ref[4])));
    assert.ok((marked ?? '').length > 0);
    const inView = await page.evaluate(() => {
      const box = document.querySelector('#source-page')?.getBoundingClientRect();
      const mark = document.querySelector('#source-mark')?.getBoundingClientRect();
      return Boolean(box && mark && mark.top >= box.top && mark.top < box.bottom);
    });
    assert.ok(inView, 'the marked span is scrolled into view inside the page text');
    assert.ok((await page.textContent('#source-paragraph') ?? '').includes(marked ?? '\u0000'));
    await page.waitForSelector('.session-item.active');
    await shoot(page, 'chat');
  });

  void test('Documents tab lists the PDF; delete asks, then removes it', async () => {
    await openTab(page, 'documents');
    const row = page.locator(`tr[data-file="${PDF}"]`);
    await row.waitFor();
    assert.match(await row.textContent() ?? '', /14.*ingested/);
    await row.getByRole('button', { name: 'View pages' }).click();
    await page.waitForSelector('#page-viewer:not([hidden])');
    assert.ok((await page.textContent('#page-text') ?? '').length > 100);
    await shoot(page, 'documents');
    page.once('dialog', (dialog) => { void dialog.accept(); });
    await row.getByRole('button', { name: `Delete ${PDF}` }).click();
    await row.waitFor({ state: 'detached' });
    assert.match(await page.textContent('#documents-status') ?? '', /No documents yet/);
  });

  void test('Costs tab: the calculator computes the hand-checked total', async () => {
    await openTab(page, 'costs');
    await page.waitForSelector('#ledger-table tbody tr');
    await page.click('#calculator-form button[type="submit"]');
    await page.waitForSelector('#calc-total');
    // Defaults: 6000 × (300 + 300) = 3.6M tokens; 3600 × $0.000375 = $1.35; + $50 = $51.35.
    assert.ok(Math.abs(Number(await page.getAttribute('#calc-total', 'data-value')) - 51.35) < 1e-9);
    await page.fill('#calc-queries', '20000');
    await page.fill('#calc-price', '0.002');
    await page.fill('#calc-fixed', '10');
    await page.click('#calculator-form button[type="submit"]');
    // 20000 × 600 = 12M tokens; 12000 × $0.002 = $24; + $10 = $34.
    await page.waitForFunction(() => document.querySelector('#calc-total')?.getAttribute('data-value') === '34');
    assert.match(await page.textContent('#calc-total') ?? '', /\$34\.00/);
    await shoot(page, 'costs');
  });

  void test('Configuration, Evaluation and Security tabs render; phone width works', async () => {
    await openTab(page, 'config');
    await page.waitForSelector('#config-json:not(:empty)', { state: 'attached' });
    assert.match(await page.textContent('#config-providers') ?? '', /Extractive/);
    await shoot(page, 'configuration');

    await openTab(page, 'evaluation');
    await page.waitForSelector('#eval-table tbody tr');
    assert.equal(await page.locator('#eval-table tbody tr').count(), 2);
    await page.waitForSelector('#eval-chart svg');
    await page.selectOption('#eval-compare-a', '2025-01-01T00-00-00Z');
    await page.selectOption('#eval-compare-b', '2025-01-02T00-00-00Z');
    assert.match(await page.textContent('#eval-compare') ?? '', /recallAt5.*\+0\.090/);
    await shoot(page, 'evaluation');

    await openTab(page, 'security');
    await page.waitForFunction(() => !document.querySelector('#security-panel')?.textContent?.includes('Loading'));
    await shoot(page, 'security');

    await page.setViewportSize({ width: 390, height: 844 });
    await openTab(page, 'chat');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) {
      const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map((e) => `${e.tagName}#${e.id}.${e.className}`));
      process.stdout.write(`# too wide: ${wide.join(', ')}\n`);
    }
    assert.ok(overflow <= 1, `no horizontal scrolling at phone width (overflow ${overflow}px)`);
    await shoot(page, 'chat-phone');
    assert.ok(readFileSync(join(SHOTS, 'chat.png')).length > 10_000);
  });

  void test('no script errors or CSP violations in the console', () => {
    assert.deepEqual(problems, []);
  });
});
