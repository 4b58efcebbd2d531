/**
 * Decision 0147, in real Chromium: a page whose requests are cut by the network (Chromium's ERR_NETWORK_CHANGED when
 * Docker adds a bridge, Wi-Fi or a VPN changes; here a request aborted by the browser's own routing) still starts:
 * boot.js reloads a page whose modules failed to load, up to three times, then shows a Reload button; reads (GET)
 * are retried by api.js, state-changing requests are not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page, Route } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, openPage, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, type TestApp } from '../web/test-app.ts';

/** Aborts the first `times` requests whose path matches (as a network failure), lets the rest through; counts all. */
async function failFirst(page: Page, pattern: RegExp, times: number, method = 'GET'): Promise<{ seen: number }> {
  const counter = { seen: 0 };
  await page.route((url) => pattern.test(url.pathname), async (route: Route) => {
    if (route.request().method() !== method) return route.fallback();
    counter.seen++;
    return counter.seen <= times ? route.abort('internetdisconnected') : route.continue();
  });
  return counter;
}

void describe('Start-up and reads survive a cut request (decision 0147)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let first: Page;
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    ({ running, browser, page: first } = await openE2e(t, problems));
    await first.close();
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  test('a module that fails to load once: the page reloads and starts', async () => {
    const page = await openPage(browser, problems);
    const tabs = await failFirst(page, /^\/js\/tabs\.js$/, 1);
    let loads = 0;
    page.on('load', () => { loads++; });
    await page.goto(`${running.url}/`);
    await waitForPage(page, problems);
    assert.equal(tabs.seen, 2, 'tabs.js was fetched again after the reload');
    assert.ok(loads >= 2, `the page loaded ${loads} time(s)`);
    assert.equal(await page.$('#boot-error'), null);
    assert.equal(await page.evaluate(() => window.sessionStorage.getItem('propo.bootRetries')), null, 'the count is cleared once started');
    await page.close();
  });

  test('a module that never loads: three reloads, then a message with a Reload button', async () => {
    const page = await openPage(browser, problems);
    const tabs = await failFirst(page, /^\/js\/tabs\.js$/, Number.POSITIVE_INFINITY);
    await page.goto(`${running.url}/`);
    await waitForPage(page, problems, '#boot-error button');
    assert.equal(tabs.seen, 4, 'the first load and three reloads');
    assert.match(await page.textContent('#boot-error') ?? '', /could not load its scripts/);
    assert.equal(await page.evaluate(() => document.body.dataset.ready ?? null), null);
    await page.unrouteAll();
    await page.click('#boot-error button');
    await waitForPage(page, problems);
    await page.close();
  });

  test('a read cut once is retried: the Settings form still renders', async () => {
    const page = await openPage(browser, problems);
    const settings = await failFirst(page, /^\/api\/settings$/, 1);
    await page.goto(`${running.url}/#config`);
    await waitForPage(page, problems);
    await waitForPage(page, problems, '#setting-llm-provider');
    assert.equal(settings.seen, 2);
    await page.close();
  });

  test('a state-changing request is not retried', async () => {
    const page = await openPage(browser, problems);
    await page.goto(`${running.url}/#config`);
    await waitForPage(page, problems, '#setting-llm-provider');
    const saves = await failFirst(page, /^\/api\/settings$/, 1, 'PUT');
    await page.fill('#setting-topK', '7');
    await page.click('#settings-save');
    await page.waitForSelector('#settings-status.error-text');
    assert.equal(saves.seen, 1, 'one attempt, reported to the user');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
