/** Real Chromium for the E2E tests (Debian's package, driven by playwright-core). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** `skip` for a suite when Chromium is not installed. */
export const NO_CHROMIUM: string | false = existsSync(CHROMIUM) ? false : `no ${CHROMIUM} (apt-get install -y chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}

/** A desktop-sized page whose uncaught page errors are collected into `problems`. */
export async function openPage(browser: Browser, problems: string[], viewport = { width: 1280, height: 820 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return page;
}
