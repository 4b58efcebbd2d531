/**
 * Issue 15, chat in real Chromium: edit and resend. A question's Edit button turns it into a field; Send replaces
 * that question and everything after it with the edited question and its new answer, in the page and in the stored
 * chat (reopened from the sidebar after a reload). Escape cancels. Screenshot: docs/screenshots/chat-edit.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e, waitForPage } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, ingestTwoTopics, REPO_ROOT, type TestApp } from '../web/test-app.ts';

const SHOTS = join(REPO_ROOT, 'docs/screenshots');

void describe('chat edit and resend in Chromium', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    await ingestTwoTopics(t.app);
    ({ running, browser, page } = await openE2e(t, problems));
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
  });

  const answered = (count: number) => page.waitForFunction((n) => document.querySelectorAll('.message.assistant:not(.streaming)').length === n, count);
  const askInUi = async (question: string, count: number) => {
    await page.fill('#question', question);
    await page.press('#question', 'Enter');
    await answered(count);
  };
  const conversation = () => page.locator('#messages .message').evaluateAll((nodes) => nodes.map((n) => ({
    role: n.classList.contains('user') ? 'user' : 'assistant',
    text: (n.querySelector('p')?.textContent ?? '').trim(),
    cites: Array.from(n.querySelectorAll('.citation-chip')).map((c) => (c as HTMLElement).dataset.marker ?? ''),
  })));

  void test('Edit replaces the question and what follows it, in the page and in the stored chat', async () => {
    await page.goto(running.url);
    await waitForPage(page, problems);
    await askInUi('When was the lighthouse lamp converted to solar power?', 1);
    await askInUi('Who converted it?', 2);
    assert.equal((await conversation()).length, 4);

    // Escape cancels an edit and leaves the question as it was.
    const firstQuestion = page.locator('#messages .message.user').first();
    await firstQuestion.getByRole('button', { name: 'Edit and resend this question' }).click();
    await page.keyboard.press('Escape');
    assert.equal(await firstQuestion.locator('textarea').count(), 0);
    assert.equal((await conversation()).length, 4);

    await firstQuestion.getByRole('button', { name: 'Edit and resend this question' }).click();
    const field = firstQuestion.getByRole('textbox', { name: 'Edited question' });
    assert.equal(await field.inputValue(), 'When was the lighthouse lamp converted to solar power?');
    await field.fill('How many apple varieties grow in the orchard?');
    await page.screenshot({ path: join(SHOTS, 'chat-edit.png'), fullPage: true });
    await field.press('Enter');
    await answered(1);
    const shown = await conversation();
    assert.deepEqual(shown.map((m) => m.role), ['user', 'assistant']);
    assert.equal(shown[0]?.text, 'How many apple varieties grow in the orchard?');
    assert.match(shown[1]?.cites[0] ?? '', /^\[orchard\.md:1:\d+-\d+\]$/u);

    // The stored chat says the same after a reload.
    await page.reload();
    await waitForPage(page, problems);
    await page.locator('.session-item .session-open').first().click();
    await page.waitForFunction(() => document.querySelectorAll('#messages .message').length === 2);
    const reopened = await conversation();
    assert.deepEqual(reopened.map((m) => [m.role, m.text]).slice(0, 1), [['user', 'How many apple varieties grow in the orchard?']]);
    assert.match(reopened[1]?.cites[0] ?? '', /orchard\.md/u);

    // A reopened question can be edited again (it carries its stored id).
    await page.locator('#messages .message.user').first().getByRole('button', { name: 'Edit and resend this question' }).click();
    await page.locator('#messages .message.user').first().getByRole('textbox', { name: 'Edited question' }).fill('When was the lighthouse lamp converted to solar power?');
    await page.locator('#messages .message.user').first().getByRole('button', { name: 'Send' }).click();
    await answered(1);
    assert.match((await conversation())[1]?.cites[0] ?? '', /lighthouse\.md/u);
    const stored = t.app.chats.list().flatMap((s) => t.app.chats.get(s.id)?.messages ?? []).filter((m) => m.role === 'user').map((m) => m.content);
    assert.deepEqual(stored, ['When was the lighthouse lamp converted to solar power?']);
    assert.deepEqual(problems, []);
  });
});
