/**
 * Issue 15, collections in real Chromium: create a collection in the Documents tab, tick a document
 * into it, pick it in the chat header, and the answer cites only that collection's document (the
 * same question unscoped cites the other one). Screenshot: docs/screenshots/collections.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, ingestTwoTopics, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const SHOTS = join(REPO_ROOT, 'docs/screenshots');

void describe('collections in Chromium', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    await ingestTwoTopics(t.app);
    ({ running, browser, page } = await openE2e(t, problems));
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  const askAndCitedFiles = async (question: string): Promise<string[]> => {
    await page.click('#tab-chat');
    await page.click('#new-chat');
    await page.fill('#question', question);
    await page.press('#question', 'Enter');
    await page.waitForSelector('.message.assistant:not(.streaming)');
    const markers = await page.locator('.message.assistant').last().locator('.citation-chip').evaluateAll((chips) => chips.map((c) => (c as HTMLElement).dataset.marker ?? ''));
    return markers.map((m) => /^\[(.+?):\d+:\d+-\d+\]$/.exec(m)?.[1] ?? m);
  };

  void test('a collection made in the Documents tab scopes the chat picked in its header', async () => {
    await page.goto(running.url);
    await waitForPage(page, problems);
    const unscoped = await askAndCitedFiles('When was the lighthouse lamp converted to solar power?');
    assert.ok(unscoped.includes('lighthouse.md'), `unscoped answer cites ${unscoped.join(', ')}`);

    await page.click('#tab-documents');
    await page.fill('#collection-name', 'Farm');
    await page.fill('#collection-prompt', 'Answer for a lay reader.');
    await page.click('#collection-form button[type="submit"]');
    await page.waitForFunction(() => (document.getElementById('collection-edit') as HTMLSelectElement).selectedOptions[0]?.textContent?.startsWith('Farm'));
    const orchardBox = page.locator('tr[data-file="orchard.md"] .collection-member');
    await orchardBox.waitFor();
    await page.waitForFunction(() => !(document.querySelector('tr[data-file="orchard.md"] .collection-member') as HTMLInputElement).disabled);
    await orchardBox.check();
    await page.waitForFunction(() => (document.getElementById('collection-edit') as HTMLSelectElement).selectedOptions[0]?.textContent === 'Farm (1)');
    assert.match(await page.textContent('#collection-prompt-view') ?? '', /lay reader/);
    await page.screenshot({ path: join(SHOTS, 'collections.png'), fullPage: true });
    const stored = t.app.collections.get('Farm');
    assert.equal(stored.documentIds.length, 1);

    await page.click('#tab-chat');
    await page.selectOption('#chat-collection', { label: 'Farm (1)' });
    const scoped = await askAndCitedFiles('When was the lighthouse lamp converted to solar power?');
    assert.ok(scoped.every((file) => file === 'orchard.md'), `scoped to Farm the answer cites ${scoped.join(', ')}`);
    await page.selectOption('#chat-collection', '');
    const again = await askAndCitedFiles('When was the lighthouse lamp converted to solar power?');
    assert.ok(again.includes('lighthouse.md'), 'back to all documents, the lighthouse is found again');
    assert.deepEqual(problems, []);
  });
});
