/**
 * Issue 12.6 in the web chat (real Chromium, real server, the scripted LLM): a sentence of an LLM
 * answer without a verified citation is marked visibly and for screen readers ("unsupported"
 * badge, footer note); cited sentences carry their support score.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, launchChromium, NO_CHROMIUM, waitForPage } from './browser.ts';
import { startServer, type RunningServers } from '../../src/app/http/index.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { createTestApp, type TestApp } from '../web/test-app.ts';


void describe('web chat marks unsupported sentences', { skip: NO_CHROMIUM }, () => {
  let llm: ScriptedLlmServer;
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;

  before(async () => {
    llm = await startScriptedLlmServer({
      script: (body) => {
        const user = (body.messages as Array<{ content: string }>).at(-1)?.content ?? '';
        return { text: `The Rhine is 1,230 kilometres long ${/cite="(\[[^"]+\])"/.exec(user)?.[1] ?? ''}. It is the most beautiful river in the world.` };
      },
    });
    t = await createTestApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', PROPOSITIONIZER: 'rule' }, E2E_SERVER_CONFIG);
    await t.app.ingest({ fileName: 'rivers.txt', bytes: new TextEncoder().encode('The Rhine is 1,230 kilometres long and flows into the North Sea.') });
    running = await startServer(t.app, { handleSignals: false });
    browser = await launchChromium();
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
    await llm?.close();
  });

  void test('the uncited sentence is flagged, the cited one is not', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(180_000);
    await page.goto(running.url);
    await waitForPage(page);
    await page.fill('#question', 'How long is the Rhine?');
    await page.press('#question', 'Enter');
    await page.waitForSelector('.message.assistant:not(.streaming)');
    const answer = page.locator('.message.assistant').last();
    const unsupported = answer.locator('.sentence.unsupported');
    assert.equal(await unsupported.count(), 1);
    assert.match(await unsupported.textContent() ?? '', /^unsupported It is the most beautiful river in the world\.$/u);
    assert.equal(await unsupported.locator('.unsupported-badge').isVisible(), true, 'the mark is visible');
    assert.match(await answer.locator('.unsupported-note').textContent() ?? '', /1 sentence without a verified citation/u);
    const cited = answer.locator('.sentence:not(.unsupported)');
    assert.equal(await cited.count(), 1);
    assert.equal(await cited.locator('.citation-chip').count(), 1);
    assert.match(await cited.getAttribute('title') ?? '', /^Support \d+ %$/u);
    await page.close();
  });
});
