import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp } from '../../src/testing/temp-app.ts';
import { startScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { NO_MATCH_ANSWER, type AnswerEvent } from '../../src/core/answer/answer-types.ts';
import { EXTRACTIVE_LABEL } from '../../src/core/answer/extractive-answer.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const CORPUS = 'The Hubble telescope was launched in 1990 aboard the space shuttle Discovery.\n\n'
  + 'Its primary mirror is 2.4 metres across and was ground with a spherical aberration.\n\n'
  + 'A servicing mission in 1993 installed corrective optics that fixed the blurred images.';

test('extractive answers quote verified spans; nonsense gets exactly "No strong match found."', async () => {
  const { app, cleanup } = await createTempApp({}, { 'retrieval.threshold': 0.2 });
  try {
    await app.ingest({ fileName: 'hubble.txt', bytes: enc(CORPUS) });
    const events: AnswerEvent[] = [];
    const result = await app.ask('When was the Hubble telescope launched?', { onEvent: (e) => events.push(e) });
    assert.equal(result.mode, 'extractive');
    assert.ok(result.answer.startsWith(EXTRACTIVE_LABEL));
    assert.ok(result.citations.length >= 1);
    const page = app.documents.pages(result.citations[0]?.documentId ?? '')[0]?.text ?? '';
    for (const c of result.citations) {
      assert.equal(page.slice(c.start, c.end), c.text);
      assert.ok(result.answer.includes(c.marker));
    }
    assert.match(result.citations[0]?.text ?? '', /launched in 1990/);
    assert.deepEqual(events.map((e) => e.type), ['answer-start', 'answer-delta', 'answer-end']);

    const none = await app.ask('qwzx vlorp frobnicate zzyzx?');
    assert.equal(none.answer, NO_MATCH_ANSWER);
    assert.equal(none.mode, 'no-match');
    assert.deepEqual(none.citations, []);

    const ledger = app.ledger.list();
    assert.equal(ledger.length, 2);
    assert.equal(app.ledger.totals().noMatch, 1);
  } finally {
    await cleanup();
  }
});

test('LLM answers stream, keep only verified citations, record provider usage and cost', async () => {
  const server = await startScriptedLlmServer({
    script: (body) => {
      const request = body as { messages: Array<{ role: string; content: string }> };
      const user = request.messages.at(-1)?.content ?? '';
      const cite = /cite="(\[[^"]+\])"/.exec(user)?.[1] ?? '[missing]';
      return { text: `Hubble launched in 1990 ${cite}. It also visited Mars [hubble.txt:1:5000-5100]. See [S2].`, usage: { prompt_tokens: 321, completion_tokens: 42, cost: 0.00123 } };
    },
  });
  const { app, cleanup } = await createTempApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: server.url, LLM_MODEL: 'test-model', PROPOSITIONIZER: 'rule' });
  try {
    await app.ingest({ fileName: 'hubble.txt', bytes: enc(CORPUS) });
    let streamed = '';
    const result = await app.ask('When was Hubble launched?', { onEvent: (e) => { if (e.type === 'answer-delta') streamed += e.text; } });
    assert.equal(result.mode, 'llm');
    assert.equal(result.citations.length, 1);
    assert.equal(result.rejectedCitations, 2);
    assert.ok(!result.answer.includes('5000-5100') && !result.answer.includes('[S2]'));
    assert.ok(!streamed.includes('5000-5100') && !streamed.includes('[S2]'), 'invented citations never reach the stream');
    assert.deepEqual({ p: result.usage.promptTokens, c: result.usage.completionTokens, cost: result.usage.costUsd, est: result.usage.estimated }, { p: 321, c: 42, cost: 0.00123, est: false });
    const sent = server.chatRequests().at(-1)?.body as { messages: Array<{ role: string; content: string }> };
    assert.equal(sent.messages[0]?.role, 'system');
    assert.match(sent.messages[0]?.content ?? '', /untrusted data/);
    assert.match(sent.messages.at(-1)?.content ?? '', /<sources>[\s\S]*<quote>[\s\S]*<\/sources>/);
    assert.equal(app.ledger.list()[0]?.costUsd, 0.00123);
  } finally {
    await cleanup();
    await server.close();
  }
});

test('an LLM answer with no verifiable citation becomes "No strong match found."', async () => {
  const server = await startScriptedLlmServer({ script: { text: 'Hubble launched in 1990 [hubble.txt:1:0-3]. Trust me.', omitUsage: true } });
  const { app, cleanup } = await createTempApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: server.url, PROPOSITIONIZER: 'rule' });
  try {
    await app.ingest({ fileName: 'hubble.txt', bytes: enc(CORPUS) });
    const result = await app.ask('When was Hubble launched?');
    assert.equal(result.answer, NO_MATCH_ANSWER);
    assert.equal(result.rejectedCitations, 1);
    assert.equal(result.usage.estimated, true, 'no usage block → estimated tokens');
  } finally {
    await cleanup();
    await server.close();
  }
});

test('follow-up questions are rewritten with the chat history', async () => {
  const { app, cleanup } = await createTempApp();
  try {
    await app.ingest({ fileName: 'hubble.txt', bytes: enc(CORPUS) });
    const result = await app.ask('How wide is it?', { history: [{ role: 'user', content: 'Tell me about the Hubble primary mirror' }, { role: 'assistant', content: '...' }] });
    assert.notEqual(result.searchedQuestion, 'How wide is it?');
    assert.match(result.searchedQuestion, /mirror/i);
    assert.match(result.citations[0]?.text ?? '', /2\.4 metres/);
  } finally {
    await cleanup();
  }
});
