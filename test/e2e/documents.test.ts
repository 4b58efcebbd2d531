/**
 * Issue 15, Ingest and Documents tabs in real Chromium: the upload summary updates as files finish and ends
 * "1 ingested, 2 failed"; failed rows look failed and speak the web's language (a password field, not
 * "--password"); the encrypted PDF is retried with its password; the Documents tab lists the failure that
 * cannot be retried ("upload it again"), pages 25 documents 20 at a time, searches the text, sorts, and
 * fits a 390 px phone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, PDF_DIR, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const SHOTS = join(REPO_ROOT, 'docs/screenshots');

void describe('Ingest summary and Documents tab in Chromium (issue 15)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    for (let i = 1; i <= 24; i++) {
      const name = `note-${String(i).padStart(2, '0')}.txt`;
      const extra = i === 7 ? ' The lighthouse keeper logged a comet.' : '';
      const result = await t.app.ingest({ fileName: name, bytes: new TextEncoder().encode(`Note ${i} records the weather of day ${i}.${extra}`) });
      assert.equal(result.status, 'ingested');
    }
    ({ running, browser, page } = await openE2e(t, problems));
    page.on('dialog', (dialog) => { void dialog.accept(); });
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  test('the upload summary counts as files finish; failed rows look failed; a password field retries the PDF', async () => {
    await page.goto(`${running.url}/#ingest`);
    await waitForPage(page, problems);
    // Every text the summary shows, in order (mutation records keep each one even when updates batch).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { summaries: string[] }).summaries = seen;
      new MutationObserver((records) => { for (const r of records) for (const n of Array.from(r.addedNodes)) seen.push(n.textContent ?? ''); })
        .observe(document.getElementById('ingest-summary') as HTMLElement, { childList: true });
    });
    await page.setInputFiles('#file-input', [
      { name: 'fresh.txt', mimeType: 'text/plain', buffer: Buffer.from('A fresh note about tides and harbours.') },
      { name: 'issue6010_1.pdf', mimeType: 'application/pdf', buffer: readFileSync(join(PDF_DIR, 'issue6010_1.pdf')) },
      { name: 'installer.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00this is a program') },
    ]);
    await page.waitForSelector('#ingest-summary[data-state="partial"]', { timeout: 120_000 });
    assert.equal(await page.textContent('#ingest-summary'), '1 ingested, 2 failed.');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { summaries: string[] }).summaries),
      ['Uploading 3 files…', '1 of 3 done: 1 ingested, 0 failed…', '2 of 3 done: 1 ingested, 1 failed…', '1 ingested, 2 failed.']);
    const pdfRow = page.locator('#upload-list .upload-item[data-file="issue6010_1.pdf"]');
    assert.equal(await pdfRow.getAttribute('data-status'), 'failed');
    const error = await pdfRow.locator('.upload-error').textContent() ?? '';
    assert.match(error, /password-protected\. Type its password below/);
    assert.doesNotMatch(error, /--password/);
    assert.match(error, /PROPO_ERR_PDF_ENCRYPTED/);
    assert.match(await page.textContent('#upload-list .upload-item[data-file="installer.exe"] .upload-error') ?? '', /Propo reads PDF, TXT, Markdown/);
    // Failed rows look failed: a red left border, unlike the ingested row.
    const borders = await page.$$eval('#upload-list .upload-item', (rows) => rows.map((row) => [row.getAttribute('data-file'), getComputedStyle(row).borderLeftWidth]));
    assert.deepEqual(borders.map(([file, width]) => [file, width === '4px']), [['fresh.txt', false], ['issue6010_1.pdf', true], ['installer.exe', true]]);
    await page.screenshot({ path: join(SHOTS, 'ingest-summary.png'), fullPage: true });
    // The password goes in a field; a wrong one says so, the right one ingests the kept original.
    await pdfRow.getByLabel('PDF password').fill('not-it');
    await pdfRow.getByRole('button', { name: /Retry/ }).click();
    await page.waitForFunction(() => /password is wrong/.test(document.querySelector('#upload-list .upload-item[data-file="issue6010_1.pdf"] .upload-error')?.textContent ?? ''));
    await pdfRow.getByLabel('PDF password').fill('abc');
    await pdfRow.getByRole('button', { name: /Retry/ }).click();
    await page.waitForSelector('#upload-list .upload-item[data-file="issue6010_1.pdf"][data-status="ingested"]', { timeout: 120_000 });
  });

  test('Documents: the failure that cannot be retried says "upload it again"; dismiss clears it', async () => {
    await page.click('#tab-documents');
    await page.waitForSelector('#failed-card:not([hidden])');
    const items = await page.$$eval('#failed-list .upload-item', (rows) => rows.map((row) => row.getAttribute('data-file')));
    assert.deepEqual(items, ['installer.exe'], 'the retried PDF left the list');
    assert.match(await page.textContent('#failed-list .upload-item') ?? '', /upload it again/);
    assert.equal(await page.locator('#failed-list button', { hasText: 'Retry' }).count(), 0);
  });

  test('Documents: 26 documents paged 20 at a time, searched in the text, sorted', async () => {
    await page.waitForFunction(() => document.querySelector('#documents-range')?.textContent === '1–20 of 26');
    assert.equal(await page.locator('#documents-table tbody tr').count(), 20);
    assert.equal(await page.isDisabled('#documents-prev'), true);
    await page.click('#documents-next');
    await page.waitForFunction(() => document.querySelector('#documents-range')?.textContent === '21–26 of 26');
    assert.equal(await page.isDisabled('#documents-next'), true);
    await page.selectOption('#document-sort', 'name');
    await page.waitForFunction(() => document.querySelector('#documents-range')?.textContent === '1–20 of 26');
    assert.equal(await page.textContent('#documents-table tbody tr:first-child .file-name'), 'fresh.txt');
    await page.fill('#document-search', 'lighthouse');
    await page.waitForFunction(() => document.querySelector('#documents-range')?.textContent === '1–1 of 1');
    assert.match(await page.textContent('#documents-table tbody tr .file-name') ?? '', /note-07\.txt · found in the text/);
    await page.uncheck('#document-search-content');
    await page.waitForFunction(() => /No document name contains/.test(document.querySelector('#documents-status')?.textContent ?? ''));
    await page.check('#document-search-content');
    await page.fill('#document-search', '');
    await page.waitForFunction(() => document.querySelector('#documents-range')?.textContent === '1–20 of 26');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'documents-paging.png'), fullPage: true });
    await page.click('#failed-list button[aria-label="Dismiss installer.exe"]');
    await page.waitForSelector('#failed-card[hidden]', { state: 'attached' });
  });

  test('Ingest and Documents fit a 390 px phone; every control has a name', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['documents', 'ingest']) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#panel-${tab}:not([hidden])`);
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `${tab}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
      const unnamed = await page.$$eval(`#panel-${tab} input, #panel-${tab} select, #panel-${tab} button`, (controls) => controls
        .filter((c) => !((c as HTMLInputElement).labels?.length || c.getAttribute('aria-label') || (c.textContent ?? '').trim())).map((c) => c.outerHTML.slice(0, 80)));
      assert.deepEqual(unnamed, [], tab);
    }
    assert.deepEqual(problems, []);
  });
});
