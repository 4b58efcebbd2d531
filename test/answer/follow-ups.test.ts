/**
 * Issue 12, item 4: a question is rewritten with the history only when it depends on it, a
 * self-contained one is searched as asked, and the no-match decision applies to what was
 * searched — in `ask`, `/api/chat` (session history), `/v1/chat/completions` (history from
 * messages, over a real listening server) and `bin/propo chat` (a real child process).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { NO_MATCH_ANSWER } from '../../src/core/answer/answer-types.ts';
import { quotingLlmScript } from '../../src/testing/quoting-llm-script.ts';
import { startScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { createTempApp, DATASETS, REPO_ROOT, type TempApp } from '../../src/testing/temp-app.ts';
import { parseSseText } from '../web/test-app.ts';

const OWNERSHIP = 'rustbook-ch04-01-what-is-ownership.md';
const RUST_QUESTION = 'What are the ownership rules in Rust?';
const AUSTRALIA = 'What is the capital of Australia?';
const HUBBLE = 'The Hubble telescope was launched in 1990 aboard the space shuttle Discovery.\n\nIts primary mirror is 2.4 metres across and was ground with a spherical aberration.';

async function ingestCorpus(t: TempApp): Promise<void> {
  const rust = await t.app.ingest({ fileName: OWNERSHIP, bytes: readFileSync(join(DATASETS, 'documents/md', OWNERSHIP)) });
  assert.equal(rust.status, 'ingested');
  assert.equal((await t.app.ingest({ fileName: 'hubble.txt', bytes: new TextEncoder().encode(HUBBLE) })).status, 'ingested');
}

describe('follow-ups through ask and the HTTP routes', () => {
  let t: TempApp;
  let server: FastifyInstance;
  let base = '';
  before(async () => {
    t = await createTempApp();
    await ingestCorpus(t);
    server = await buildServer(t.app);
    base = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    await t.cleanup();
  });

  void test('issue 12: after a question about Rust, "What is the capital of Australia?" is searched as asked and finds no match', async () => {
    const first = await t.app.ask(RUST_QUESTION);
    assert.equal(first.mode, 'extractive');
    assert.ok(first.citations.some((c) => c.file === OWNERSHIP));
    const history = [{ role: 'user' as const, content: RUST_QUESTION }, { role: 'assistant' as const, content: first.answer }];
    const second = await t.app.ask(AUSTRALIA, { history });
    assert.equal(second.searchedQuestion, AUSTRALIA);
    assert.equal(second.answer, NO_MATCH_ANSWER);
    // Leaning on the history ("And …") does not let the Rust words carry a question about Australia.
    const leaning = await t.app.ask('And what is the capital of Australia?', { history });
    assert.notEqual(leaning.searchedQuestion, 'And what is the capital of Australia?');
    assert.equal(leaning.answer, NO_MATCH_ANSWER);
    const followUp = await t.app.ask('How wide is it?', { history: [{ role: 'user', content: 'Tell me about the Hubble primary mirror' }, { role: 'assistant', content: '…' }] });
    assert.match(followUp.searchedQuestion, /mirror/);
    assert.match(followUp.citations[0]?.text ?? '', /2\.4 metres/);
  });

  void test('/api/chat: the session history rewrites a dependent follow-up only; a topic change gets "No strong match found."', async () => {
    const post = async (question: string, sessionId?: string) => {
      const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, ...(sessionId ? { sessionId } : {}) }) });
      assert.equal(response.status, 200);
      const events = parseSseText(await response.text());
      const start = JSON.parse(events[0]?.data ?? '{}') as { sessionId: string; searchedQuestion: string };
      const end = JSON.parse(events.at(-1)?.data ?? '{}') as { answer: string; mode: string; citations: Array<{ file: string }> };
      assert.equal(events.at(-1)?.event, 'answer-end');
      return { start, end };
    };
    const first = await post(RUST_QUESTION);
    assert.equal(first.end.mode, 'extractive');
    const followUp = await post('What happens to it when the owner goes out of scope?', first.start.sessionId);
    assert.notEqual(followUp.start.searchedQuestion, 'What happens to it when the owner goes out of scope?');
    assert.match(followUp.start.searchedQuestion, /Rust/);
    assert.ok(followUp.end.citations.some((c) => c.file === OWNERSHIP));
    const change = await post(AUSTRALIA, first.start.sessionId);
    assert.equal(change.start.searchedQuestion, AUSTRALIA);
    assert.equal(change.end.answer, NO_MATCH_ANSWER);
    assert.equal(change.end.mode, 'no-match');
  });

  void test('/v1/chat/completions: history from messages, streamed and not', async () => {
    const first = await t.app.ask(RUST_QUESTION);
    const messages = [{ role: 'user', content: RUST_QUESTION }, { role: 'assistant', content: first.answer }, { role: 'user', content: AUSTRALIA }];
    const plain = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
    const body = await plain.json() as { choices: Array<{ message: { content: string } }>; propo: { mode: string } };
    assert.equal(body.choices[0]?.message.content, NO_MATCH_ANSWER);
    assert.equal(body.propo.mode, 'no-match');
    const streamed = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages, stream: true }) });
    const text = parseSseText(await streamed.text()).map((e) => e.data).filter((d) => d !== '[DONE]')
      .map((d) => (JSON.parse(d) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '').join('');
    assert.equal(text.trim(), NO_MATCH_ANSWER);
    const followUp = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [...messages.slice(0, 2), { role: 'user', content: 'What happens to it when the owner goes out of scope?' }] }) });
    const answered = await followUp.json() as { choices: Array<{ message: { content: string } }>; citations: Array<{ file: string }> };
    assert.ok(answered.citations.some((c) => c.file === OWNERSHIP), answered.choices[0]?.message.content);
  });
});

test('with an LLM, only a dependent follow-up is sent to the model for rewriting', async () => {
  const llm = await startScriptedLlmServer({ script: quotingLlmScript() });
  const t = await createTempApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'quoting', PROPOSITIONIZER: 'rule' });
  const rewrites = () => llm.chatRequests().filter((r) => JSON.stringify(r.body).includes('Rewrite the follow-up')).length;
  try {
    await ingestCorpus(t);
    const first = await t.app.ask(RUST_QUESTION);
    assert.equal(first.mode, 'llm');
    const history = [{ role: 'user' as const, content: RUST_QUESTION }, { role: 'assistant' as const, content: first.answer }];
    const change = await t.app.ask(AUSTRALIA, { history });
    assert.equal(rewrites(), 0);
    assert.equal(change.searchedQuestion, AUSTRALIA);
    assert.equal(change.answer, NO_MATCH_ANSWER);
    const followUp = await t.app.ask('What happens to it when the owner goes out of scope?', { history });
    assert.equal(rewrites(), 1);
    assert.match(followUp.searchedQuestion, /ownership rules in Rust/);
    assert.equal(followUp.mode, 'llm');
    assert.ok(followUp.citations.every((c) => c.file === OWNERSHIP));
  } finally {
    await t.cleanup();
    await llm.close();
  }
});

test('bin/propo chat answers every piped line, even after stdin closed, and treats /help and /quit as commands', async () => {
  const t = await createTempApp();
  try {
    await ingestCorpus(t);
    await t.app.close();
    const child = spawn(process.execPath, ['--import', './bin/register.mjs', 'src/app/cli/main.ts', '--data-dir', t.config.dataDir, '--log-dir', t.config.logDir, 'chat'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stdin.end(`${RUST_QUESTION}\n/help\nWhen was the Hubble telescope launched?\n${AUSTRALIA}\n/quit\nHow wide is its mirror?\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, out);
    assert.match(out, /Commands: \/help/);
    assert.match(out, new RegExp(`\\[${OWNERSHIP.replace(/\./g, '\\.')}:1:\\d+-\\d+\\]`));
    assert.match(out, /launched in 1990/);
    assert.match(out, /> What is the capital of Australia\?\nNo strong match found\./);
    assert.doesNotMatch(out, /How wide is its mirror/, 'nothing after /quit is asked');
  } finally {
    await t.cleanup();
  }
});
