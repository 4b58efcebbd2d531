/**
 * Issue 15, Users tab in real Chromium with auth on: an admin creates an account (the generated password is
 * shown once), issues an API token (shown once, works as Bearer), revokes it (it stops working), disables
 * the account; every control has an accessible name; the tab fits a 390 px phone; a non-admin never sees it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, openPage, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const ADMIN_PASS = 'correct-horse-battery-staple';

async function logIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#login-form');
  await page.fill('#login-username', name);
  await page.fill('#login-password', password);
  await page.click('#login-form button[type="submit"]');
  await waitForPage(page);
}

void describe('Users tab in Chromium (issue 15)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let carolPassword = '';

  before(async () => {
    t = await createTestApp({ NODE_ENV: 'test', GRADIO_AUTH_ENABLED: 'true', GRADIO_AUTH_USER: 'admin', GRADIO_AUTH_PASS: ADMIN_PASS },
      E2E_SERVER_CONFIG);
    ({ running, browser, page } = await openE2e(t, problems));
    page.on('dialog', (dialog) => { void dialog.accept(); });
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  test('an admin creates an account; the generated password is shown once', async () => {
    await logIn(page, running.url, 'admin', ADMIN_PASS);
    assert.equal(await page.isVisible('#tab-users'), true);
    await page.click('#tab-users');
    await page.waitForSelector('#users-table tr[data-user="admin"]');
    await page.fill('#user-new-name', 'carol');
    await page.click('#user-form button[type="submit"]');
    await page.waitForSelector('#users-table tr[data-user="carol"]');
    carolPassword = (await page.textContent('#users-secret-value')) ?? '';
    assert.match(carolPassword, /^[A-Za-z0-9_-]{24}$/);
    assert.match(await page.textContent('#users-secret') ?? '', /shown once/);
    // The admin's own row cannot be disabled, demoted or removed from here.
    assert.equal(await page.isDisabled('#users-table tr[data-user="admin"] button[aria-label="Remove admin"]'), true);
  });

  test('a token is issued once, works as Bearer, and stops working when revoked', async () => {
    await page.click('#users-table tr[data-user="carol"] button[aria-label="API tokens of carol"]');
    await page.waitForSelector('#users-tokens:not([hidden])');
    await page.fill('#token-label', 'laptop');
    await page.click('#token-form button[type="submit"]');
    await page.waitForSelector('#users-tokens-table tr[data-token]');
    const token = (await page.textContent('#users-secret-value')) ?? '';
    assert.match(token, /^propo_/);
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await fetch(`${running.url}/api/documents`, { headers: bearer })).status, 200);
    assert.equal(await page.textContent('#users-table tr[data-user="carol"] td.num'), '1');
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/users.png'), fullPage: true });
    await page.click('#users-tokens-table button:has-text("Revoke")');
    await page.waitForSelector('#users-tokens-table td:has-text("No API tokens.")');
    assert.equal((await fetch(`${running.url}/api/documents`, { headers: bearer })).status, 401);
  });

  test('disable and role change; every control is labelled', async () => {
    await page.click('#users-table tr[data-user="carol"] button[aria-label="Disable carol"]');
    await page.waitForSelector('#users-table tr[data-user="carol"].is-disabled');
    assert.equal(await page.textContent('#users-table tr[data-user="carol"] .badge'), 'Disabled');
    await page.selectOption('#users-table tr[data-user="carol"] select', 'admin');
    await page.waitForFunction(() => document.querySelector('#toast')?.textContent?.includes('role changed'));
    await page.waitForSelector('#users-table tr[data-user="carol"] option[value="admin"][selected]', { state: 'attached' });
    await page.selectOption('#users-table tr[data-user="carol"] select', 'user');
    await page.waitForSelector('#users-table tr[data-user="carol"] option[value="user"][selected]', { state: 'attached' });
    const listed = await (await fetch(`${running.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'carol', password: carolPassword }) })).json() as { error?: { code: string } };
    assert.equal(listed.error?.code, 'PROPO_ERR_UNAUTHENTICATED', 'a disabled account cannot log in');
    await page.click('#users-table tr[data-user="carol"] button[aria-label="Enable carol"]');
    await page.waitForSelector('#users-table tr[data-user="carol"]:not(.is-disabled)');
    const unlabelled = await page.$$eval('#panel-users input, #panel-users select, #panel-users button', (controls) => controls
      .filter((c) => !((c as HTMLInputElement).labels?.length || c.getAttribute('aria-label') || (c.textContent ?? '').trim())).map((c) => c.outerHTML));
    assert.deepEqual(unlabelled, []);
  });

  test('the Users tab fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await page.isVisible('#users-tokens'), true, 'the tokens card is open');
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
    await page.setViewportSize({ width: 1280, height: 820 });
  });

  test('a non-admin never sees the tab, and keyboard tab order skips it', async () => {
    const other = await openPage(browser, problems);
    await logIn(other, running.url, 'carol', carolPassword);
    assert.equal(await other.isVisible('#tab-users'), false);
    await other.focus('#tab-security');
    await other.keyboard.press('ArrowRight');
    assert.equal(await other.evaluate(() => document.activeElement?.id), 'tab-chat');
    const direct = await other.evaluate(async () => (await fetch('/api/users')).status);
    assert.equal(direct, 403);
    await other.close();
    assert.deepEqual(problems, []);
  });
});
