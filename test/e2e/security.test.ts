/**
 * Issue 15, Security tab in real Chromium with auth on: a readable summary instead of the key dump — auth state,
 * the limits in words, the account locked out by real failed logins, the recent events counted by kind and
 * listed, and the raw JSON only behind the "Details" toggle; it fits a 390 px phone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, NO_CHROMIUM, openPage, waitForPage } from './browser.ts';
import { buildServer } from '../../src/app/http/index.ts';
import { createTestApp, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const ADMIN_PASS = 'correct-horse-battery-staple';

void describe('Security tab in Chromium (issue 15)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let server: FastifyInstance;
  let url = '';
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({ NODE_ENV: 'test', GRADIO_AUTH_ENABLED: 'true', GRADIO_AUTH_USER: 'admin', GRADIO_AUTH_PASS: ADMIN_PASS },
      { 'limits.loginPerMinute': 1000, 'limits.chatPerMinute': 12 });
    // Four failures lock an account for ten minutes (no backoff delay before), so the test need not wait.
    server = await buildServer(t.app, { security: { backoff: { freeFailures: 4, baseDelayMs: 1, maxDelayMs: 1, lockAfter: 4, lockMs: 600_000, resetMs: 3_600_000 } } });
    url = await server.listen({ host: '127.0.0.1', port: 0 });
    const { UserRepository } = await import('../../src/app/security/user-repository.ts');
    await new UserRepository(t.app.db).add('mallory', 'user', 'mallory-password-1');
    for (let i = 0; i < 4; i++) {
      // From another address than the browser's (the guard locks the address too).
      const response = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mallory', password: `guess-${i}` }, remoteAddress: '10.0.0.66' });
      assert.equal(response.statusCode, i < 3 ? 401 : 429);
    }
    browser = await launchChromium();
    page = await openPage(browser, problems);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  test('the summary reads: auth on, limits in words, the lockout, events by kind; JSON only behind Details', async () => {
    await page.goto(url);
    await page.waitForSelector('#login-form');
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', ADMIN_PASS);
    await page.click('#login-form button[type="submit"]');
    await waitForPage(page, problems);
    await page.click('#tab-security');
    await page.waitForSelector('#security-glance');
    const glance = await page.textContent('#security-glance') ?? '';
    assert.match(glance, /Authentication\s*On/);
    assert.match(glance, /Locked out now\s*2/);
    assert.match(await page.textContent('#security-limits') ?? '', /Chat questions\s*12 per minute per user/);
    assert.match(await page.textContent('#security-limits') ?? '', /LLM spend\s*\$5\.00 per day/);
    const lockouts = await page.textContent('#security-lockouts') ?? '';
    assert.match(lockouts, /Account mallory\s*4\s*10 min/);
    assert.match(lockouts, /Address 10\.0\.0\.66\s*4\s*10 min/);
    const counts = await page.$$eval('#security-counts li', (items) => items.map((li) => li.textContent));
    // Refusals are aggregated per key and window in the audit log (issue 14), so the count is of log lines.
    assert.ok(counts.some((c) => /Refused login or request: \d+/.test(c ?? '')), counts.join(' | '));
    assert.ok(counts.some((c) => /Locked out: \d/.test(c ?? '')), counts.join(' | '));
    assert.ok(counts.some((c) => /Logged in: 1/.test(c ?? '')), counts.join(' | '));
    assert.ok(await page.locator('#security-events tr[data-type="ACCOUNT_LOCKED"]').count() >= 1);
    // The raw JSON is there but folded away: not visible until Details is opened.
    assert.equal(await page.isVisible('#security-details pre'), false);
    await page.click('#security-details summary');
    assert.equal(await page.isVisible('#security-details pre'), true);
    assert.match(await page.textContent('#security-details pre') ?? '', /"recentEvents"/);
    await page.click('#security-details summary');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    process.stdout.write(`# Security tab page height: ${height}px\n`);
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/security.png'), fullPage: true });
  });

  test('the Security tab fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await waitForPage(page, problems);
    await page.click('#tab-security');
    await page.waitForSelector('#security-glance');
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
    assert.deepEqual(problems, []);
  });
});
