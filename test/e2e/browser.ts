/** Real Chromium for the E2E tests (Debian's package, driven by playwright-core). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServers } from '../../src/app/http/index.ts';
import type { TestApp } from '../web/test-app.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** `skip` for a suite when Chromium is not installed. */
export const NO_CHROMIUM: string | false = existsSync(CHROMIUM) ? false : `no ${CHROMIUM} (apt-get install -y chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}

/** A desktop-sized page whose uncaught page errors are collected into `problems`. */
export async function openPage(browser: Browser, problems: string[], viewport = { width: 1280, height: 820 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  // Playwright's 30 s default is a wall-clock bet: two E2E files timed out waiting for the first render while the
  // Docker test built images alongside. Waits are for events (selectors, functions), so a generous limit costs nothing.
  page.setDefaultTimeout(180_000);
  page.setDefaultNavigationTimeout(180_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // What the page met on the way, for a failed wait's message (not assertions: a test decides what is a problem).
  const seen: string[] = [];
  traces.set(page, seen);
  const note = (line: string) => { seen.push(`${new Date().toISOString().slice(11, 23)} ${line}`); if (seen.length > 80) seen.shift(); };
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') note(`console.${message.type()}: ${message.text()}`); });
  page.on('requestfailed', (request) => note(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => { if (response.status() >= 400) note(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`); });
  page.on('load', () => note(`load: ${page.url()}`));
  page.on('crash', () => note('the page crashed'));
  page.on('close', () => note('the page closed'));
  return page;
}

const traces = new WeakMap<Page, string[]>();

/**
 * Waits for `selector` (by default the app's `body[data-ready="true"]`, set when app.js has wired the tabs); on a
 * timeout the error says what the page showed and what it met (console errors, failed or refused requests).
 */
export async function waitForPage(page: Page, problems: readonly string[] = [], selector = 'body[data-ready="true"]'): Promise<void> {
  await page.waitForSelector(selector).catch(async (error: unknown) => {
    const shown = await page.evaluate(() => ({
      url: window.location.href, readyState: document.readyState, ready: document.body?.dataset.ready ?? null,
      selected: document.querySelector('[role="tab"][aria-selected="true"]')?.id ?? null,
      login: !(document.getElementById('login-panel')?.hidden ?? true),
      text: document.body?.innerText.slice(0, 300) ?? null,
    }), undefined).catch((reason: unknown) => String(reason));
    throw new Error(`${String(error)}\npage: ${JSON.stringify(shown)}\nproblems: ${JSON.stringify(problems)}\nseen:\n${(traces.get(page) ?? []).join('\n')}`, { cause: error });
  });
}

/** Config overrides every E2E app starts with: web and metrics servers on free loopback ports. */
export const E2E_SERVER_CONFIG = { 'server.port': 0, 'server.metricsPort': 0, 'server.host': '127.0.0.1' } as const;

/** The app's servers, Chromium and one desktop page whose page errors go to `problems`. */
export async function openE2e(t: TestApp, problems: string[]): Promise<{ running: RunningServers; browser: Browser; page: Page }> {
  const running = await startServer(t.app, { handleSignals: false });
  const browser = await launchChromium();
  return { running, browser, page: await openPage(browser, problems) };
}

/** Closes what `openE2e` opened (whatever part of it a failed `before` got to). */
export async function closeE2e(parts: { browser?: Browser | undefined; running?: RunningServers | undefined }): Promise<void> {
  await parts.browser?.close();
  await parts.running?.stop();
}
