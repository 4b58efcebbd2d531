/**
 * Issue 15 in real Chromium: chat search in the sidebar; at 390 px every tab fits (no horizontal overflow) and the
 * source viewer is a sheet that closes back to the chat; keyboard-only: Tab walks the chat controls and each one
 * has an accessible name. Screenshot: docs/screenshots/source-phone.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const SHOTS = join(REPO_ROOT, 'docs/screenshots');
const TABS = ['chat', 'ingest', 'documents', 'config', 'costs', 'evaluation', 'security'];

void describe('chat search, phone width and keyboard in Chromium', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    await t.app.ingest({ fileName: 'lighthouse.md', bytes: new TextEncoder().encode('# Skerry Point\n\nThe lighthouse lamp on Skerry Point was converted to solar power in 2019 by the harbour trust.\n') });
    ({ running, browser, page } = await openE2e(t, problems));
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  void test('a past chat is found by the words of its answer', async () => {
    await page.goto(running.url);
    await waitForPage(page, problems);
    await page.fill('#question', 'When was the lighthouse lamp converted to solar power?');
    await page.press('#question', 'Enter');
    await page.waitForSelector('.message.assistant:not(.streaming) .citation-chip');
    await page.waitForSelector('.session-item');
    await page.fill('#session-search', 'harbour trust');
    await page.waitForSelector('.session-item .session-snippet');
    assert.match(await page.textContent('.session-item .session-snippet') ?? '', /harbour trust/);
    await page.fill('#session-search', 'no chat says this');
    await page.waitForFunction(() => document.querySelector('#session-list')?.textContent?.includes('No chat mentions'));
    await page.fill('#session-search', '');
    await page.waitForSelector('.session-item');
  });

  void test('keyboard: Tab reaches the chat controls and every one has an accessible name', async () => {
    await page.focus('#new-chat');
    const unnamed: string[] = [];
    const seen = new Set<string>();
    for (let step = 0; step < 40; step += 1) {
      const info = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const labelled = element.getAttribute('aria-labelledby');
        const byLabel = (element as HTMLInputElement).labels?.[0]?.textContent ?? '';
        const name = (element.getAttribute('aria-label') ?? '') || (labelled ? document.getElementById(labelled)?.textContent ?? '' : '') || byLabel || (element.textContent ?? '').trim() || (element.getAttribute('title') ?? '');
        return { key: `${element.tagName}#${element.id}.${element.className}:${element.textContent?.slice(0, 20)}`, name: name.trim() };
      });
      if (info) {
        if (!info.name) unnamed.push(info.key);
        seen.add(info.key);
      }
      await page.keyboard.press('Tab');
    }
    assert.ok(seen.size >= 8, `Tab walked ${seen.size} controls`);
    assert.deepEqual(unnamed, []);
  });

  void test('390 px: no tab overflows sideways; the source viewer is a sheet that closes back to the chat', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#panel-${tab}:not([hidden])`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${tab}: ${overflow}px of horizontal overflow`);
    }
    await page.click('#tab-chat');
    const chip = page.locator('.message.assistant .citation-chip').first();
    await chip.click();
    await page.waitForSelector('#source-doc:not([hidden]) mark.source-hit');
    const sheet = await page.evaluate(() => {
      const r = document.querySelector('#source-viewer')?.getBoundingClientRect();
      return r ? { left: r.left, right: r.right, width: window.innerWidth, position: getComputedStyle(document.querySelector('#source-viewer') as Element).position } : null;
    });
    assert.ok(sheet && sheet.position === 'fixed' && sheet.left >= 0 && sheet.right <= sheet.width, JSON.stringify(sheet));
    await page.screenshot({ path: join(SHOTS, 'source-phone.png') });
    await page.click('#source-close');
    await page.waitForSelector('#source-viewer', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('citation-chip')), true, 'focus returns to the chip');
  });

  void test('no script errors', () => {
    assert.deepEqual(problems, []);
  });
});
