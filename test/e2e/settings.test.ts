/**
 * Issue 15, Settings tab in real Chromium: the form lists the editable settings with labels, "Test LLM connection"
 * fills the model picker from the scripted OpenAI-compatible server's /v1/models, Save persists (restart notice),
 * the key never comes back to the page, and the tab fits a 390 px phone without horizontal overflow.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { settingsFilePath } from '../../src/core/config/index.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { createTestApp, REPO_ROOT, type TestApp } from '../web/test-app.ts';


void describe('Settings tab in Chromium (issue 15)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  let llm: ScriptedLlmServer;
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    llm = await startScriptedLlmServer({ script: { text: 'unused' }, models: ['llama3', 'qwen2.5'] });
    ({ running, browser, page } = await openE2e(t, problems));
  });
  after(async () => {
    await closeE2e({ browser, running });
    await llm?.close();
    await t?.cleanup({ appClosed: true });
  });

  test('edit the LLM provider, pick a model from /models, save', async () => {
    await page.goto(`${running.url}/#config`);
    await waitForPage(page, problems);
    await page.click('#tab-config');
    await page.waitForSelector('#setting-llm-provider');
    // Every control of the form has an accessible name (a <label for>).
    const unlabeled = await page.$$eval('#settings-form input, #settings-form select', (controls) => controls
      .filter((control) => !(control as HTMLInputElement).labels?.length).map((control) => control.id));
    assert.deepEqual(unlabeled, []);
    await page.selectOption('#setting-llm-provider', 'openai');
    await page.fill('#setting-llm-baseUrl', llm.url);
    await page.fill('#setting-llm-apiKey', 'sk-browser-456');
    await page.click('#settings-test-llm-button');
    await page.waitForSelector('#settings-test-llm.ok');
    assert.deepEqual(await page.$$eval('#llm-models option', (options) => options.map((o) => (o as HTMLOptionElement).value)), ['llama3', 'qwen2.5']);
    await page.fill('#setting-llm-model', 'qwen2.5');
    await page.click('#settings-save');
    await page.waitForSelector('#settings-status.ok');
    assert.match(await page.textContent('#settings-status') ?? '', /Restart/);
    const saved = JSON.parse(readFileSync(settingsFilePath(t.dataDir), 'utf8')) as { values: Record<string, unknown> };
    assert.equal(saved.values['llm.model'], 'qwen2.5');
    assert.equal(saved.values['llm.apiKey'], 'sk-browser-456');
    assert.ok(!(await page.content()).includes('sk-browser-456'), 'the key is not in the page after saving');
    assert.equal(await page.inputValue('#setting-llm-apiKey'), '');
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/settings.png'), fullPage: true });
  });

  test('an out-of-range value shows the schema message and is not saved', async () => {
    await page.fill('#setting-topK', '0');
    await page.click('#settings-save');
    await page.waitForSelector('#settings-status.error-text');
    assert.match(await page.textContent('#settings-status') ?? '', /topK/);
  });

  test('the Configuration tab fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    // Clean-clone runs timed out here and on the first load (180 s): the wait says what the page showed and met.
    await waitForPage(page, problems, '#setting-llm-provider');
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
    assert.deepEqual(problems, []);
  });
});
