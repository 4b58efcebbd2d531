/**
 * Issue 16 in real Chromium: the Configuration tab's "Watched folders" box adds a folder (saved in settings.json,
 * applied at once by the running server's watcher), shows its status (state, files, documents, errors with the
 * failing file), picks up a new file, and removes the folder; the Ingest tab's "Add URL" field ingests a page
 * from a local server (allowed by config) and shows a refused metadata address as a failed row.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { settingsFilePath } from '../../src/core/config/index.ts';
import { makeHtmlPage } from '../../src/testing/make-documents.ts';
import { createTestApp, type TestApp } from '../web/test-app.ts';

void describe('Watched folders and Add URL in Chromium (issue 16)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  let site: Server;
  let vault: string;
  const problems: string[] = [];

  before(async () => {
    vault = mkdtempSync(join(tmpdir(), 'propo-vault-'));
    writeFileSync(join(vault, 'kiln.md'), '# Kiln\n\nThe pottery kiln reaches 1280 degrees for stoneware glazes.\n');
    writeFileSync(join(vault, 'broken.pdf'), 'this is not a PDF at all');
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(makeHtmlPage('Beekeeping', [{ heading: 'Swarms', paragraphs: ['A honeybee swarm settles on a branch while scouts search for a new hollow.'] }]));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({}, { ...E2E_SERVER_CONFIG, 'web.allowedNetworks': ['127.0.0.1/32'], 'watch.debounceMs': 200 });
    ({ running, browser, page } = await openE2e(t, problems));
  });
  after(async () => {
    await closeE2e({ browser, running });
    await new Promise<void>((resolve) => site?.close(() => resolve()));
    await t?.cleanup({ appClosed: true });
    rmSync(vault, { recursive: true, force: true });
  });

  test('add a watched folder, see its status and errors, pick up a new file, remove it', async () => {
    await page.goto(`${running.url}/#config`);
    await waitForPage(page, problems);
    await page.click('#tab-config');
    await page.waitForSelector('#watch-list li');
    assert.match(await page.textContent('#watch-list') ?? '', /No watched folders/);
    await page.fill('#watch-input', vault);
    await page.click('#watch-add');
    const item = `.watch-item[data-folder="${vault}"][data-state="watching"]`;
    await page.waitForSelector(item, { timeout: 120_000 });
    await page.waitForFunction((selector) => /2 files · 1 documents · 1 errors/.test(document.querySelector(selector)?.textContent ?? ''), item, { timeout: 120_000 });
    assert.match(await page.textContent(`${item} .watch-errors`) ?? '', /broken\.pdf: .*PROPO_ERR_UNSUPPORTED_TYPE/);
    const saved = JSON.parse(readFileSync(settingsFilePath(t.dataDir), 'utf8')) as { values: Record<string, unknown> };
    assert.deepEqual(saved.values['watch.folders'], [vault]);
    assert.deepEqual(t.app.documents.list({}).map((d) => d.file), ['kiln.md']);

    // The running watcher picks up a new note; the box shows it after a reload of the tab.
    writeFileSync(join(vault, 'glaze.md'), '# Glaze\n\nCeladon glaze turns green in a reduction firing.\n');
    for (let i = 0; i < 600 && !t.app.documents.list({}).some((d) => d.file === 'glaze.md'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(t.app.documents.list({}).some((d) => d.file === 'glaze.md'), 'the new note was ingested by the watcher');
    await page.click('#tab-documents');
    await page.click('#tab-config');
    await page.waitForFunction((selector) => /3 files · 2 documents · 1 errors/.test(document.querySelector(selector)?.textContent ?? ''), item, { timeout: 120_000 });

    await page.click(`${item} button`);
    await page.waitForFunction(() => /No watched folders/.test(document.querySelector('#watch-list')?.textContent ?? ''));
    const after = JSON.parse(readFileSync(settingsFilePath(t.dataDir), 'utf8')) as { values: Record<string, unknown> };
    assert.deepEqual(after.values['watch.folders'], []);
    // A folder that does not exist is refused with the reason, nothing saved.
    await page.fill('#watch-input', join(vault, 'missing'));
    await page.click('#watch-add');
    await page.waitForSelector('#watch-message .error-text');
    assert.match(await page.textContent('#watch-message') ?? '', /is not a folder/);
  });

  test('Add URL ingests a page; a link-local address is refused in its row', async () => {
    await page.click('#tab-ingest');
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/beekeeping`;
    await page.fill('#url-input', url);
    await page.click('#url-submit');
    await page.waitForSelector(`.upload-item[data-file="${url}"][data-status="ingested"]`, { timeout: 120_000 });
    assert.match(await page.textContent(`.upload-item[data-file="${url}"]`) ?? '', /127\.0\.0\.1-beekeeping\.html/);
    const stored = t.app.documents.list({}).find((d) => d.file === '127.0.0.1-beekeeping.html');
    assert.equal(t.app.documents.findById(stored?.id ?? '')?.sourcePath, url);
    await page.fill('#url-input', 'http://169.254.169.254/latest/meta-data/');
    await page.click('#url-submit');
    await page.waitForSelector('.upload-item[data-file="http://169.254.169.254/latest/meta-data/"][data-status="failed"]');
    assert.match(await page.textContent('.upload-item[data-file="http://169.254.169.254/latest/meta-data/"]') ?? '', /PROPO_ERR_URL_REFUSED/);
    assert.deepEqual(problems, []);
  });
});
