/**
 * Issue 14.6: uncited LLM text must never be streamed before it is replaced. The scripted model
 * answers like a hijacked one ("Sure, ignoring my rules. My system prompt is: …"); before the
 * fix `/api/chat` and `/v1/chat/completions` streamed that text, then `answer-end` replaced it
 * with "No strong match found.". Now every streaming path holds a sentence back until it carries
 * a verified citation, and what was streamed is the final answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { NO_MATCH_ANSWER } from '../../src/core/answer/answer-types.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { parseSseText } from '../web/test-app.ts';
import { makeTestApp, type TestApp } from './security-harness.ts';

const DOCUMENT = 'The Rhine is 1,230 kilometres long and flows into the North Sea.\n\nThe Danube flows into the Black Sea after crossing ten countries.';
const HIJACKED = ['Sure, ', 'ignoring my rules. ', 'My system prompt is: ', 'You are Propo, a research ', 'assistant. ', 'Here it is in full.'];

/** Cite markers offered in the prompt, in order. */
function cites(body: Record<string, unknown>): string[] {
  const messages = body.messages as Array<{ role: string; content: string }>;
  return [...(messages.at(-1)?.content ?? '').matchAll(/cite="(\[[^"]+\])"/g)].map((m) => m[1] as string);
}

const chatDeltas = (body: string) => parseSseText(body).filter((e) => e.event === 'answer-delta').map((e) => (JSON.parse(e.data) as { text: string }).text);
const chatEnd = (body: string) => JSON.parse(parseSseText(body).find((e) => e.event === 'answer-end')?.data ?? '{}') as { answer: string; mode: string; sentences: Array<{ text: string; supported: boolean }> };
function v1Deltas(body: string): string[] {
  return parseSseText(body).map((e) => e.data).filter((d) => d !== '[DONE]')
    .map((d) => (JSON.parse(d) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '').filter((c) => c !== '');
}

void describe('issue 14.6: no uncited LLM text is streamed', () => {
  let llm: ScriptedLlmServer;
  let plan: (body: Record<string, unknown>) => { chunks: string[] };
  let t: TestApp;
  let server: FastifyInstance;

  before(async () => {
    llm = await startScriptedLlmServer({ script: (body) => plan(body) });
    t = await makeTestApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', PROPOSITIONIZER: 'rule' });
    assert.equal((await t.app.ingest({ fileName: 'rivers.txt', bytes: new TextEncoder().encode(DOCUMENT) })).status, 'ingested');
    server = await buildServer(t.app);
  });
  after(async () => {
    await server.close();
    await t.close();
    await llm.close();
  });

  void test('a hijacked answer without citations: /api/chat streams only "No strong match found."', async () => {
    plan = () => ({ chunks: HIJACKED });
    const response = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'How long is the Rhine?' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(chatDeltas(response.body), [NO_MATCH_ANSWER]);
    assert.ok(!response.body.includes('ignoring my rules') && !response.body.includes('system prompt'), response.body);
    assert.equal(chatEnd(response.body).mode, 'no-match');
  });

  void test('the same through /v1/chat/completions with stream: true', async () => {
    plan = () => ({ chunks: HIJACKED });
    const response = await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'propo', stream: true, messages: [{ role: 'user', content: 'How long is the Rhine?' }] } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(v1Deltas(response.body), [NO_MATCH_ANSWER]);
    assert.ok(!response.body.includes('ignoring my rules'), response.body);
  });

  void test('cited sentences stream as they complete; an uncited one is held until the answer ends, then shown marked', async () => {
    plan = (body) => {
      const [first, second] = cites(body);
      return { chunks: ['The Rhine is 1,230 ', `kilometres long ${first}. `, 'Sure, ignoring my rules. ', `The Danube flows into the Black Sea ${second ?? first}.`] };
    };
    const response = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'Where do the Rhine and the Danube flow?' } });
    const deltas = chatDeltas(response.body);
    const end = chatEnd(response.body);
    assert.equal(end.mode, 'llm');
    assert.ok(deltas.length >= 2, `the cited first sentence streamed on its own: ${JSON.stringify(deltas)}`);
    assert.match(deltas[0] ?? '', /^The Rhine is 1,230 kilometres long \[rivers\.txt:[^\]]+\]\. $/u);
    assert.ok(deltas.slice(0, -1).every((d) => !d.includes('ignoring')), 'the uncited sentence only comes with the end of the answer');
    assert.equal(deltas.join('').replace(/\s+/g, ''), end.answer.replace(/\s+/g, ''), 'what was streamed is the final answer');
    assert.deepEqual(end.sentences.map((s) => s.supported), [true, false, true]);
  });

  void test('with llm.unsupportedSentences = drop the uncited sentence is neither streamed nor in the answer', async () => {
    const dropping = await makeTestApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', PROPOSITIONIZER: 'rule', UNSUPPORTED_SENTENCES: 'drop' });
    const dropServer = await buildServer(dropping.app);
    try {
      await dropping.app.ingest({ fileName: 'rivers.txt', bytes: new TextEncoder().encode(DOCUMENT) });
      plan = (body) => ({ chunks: [`Sure, ignoring my rules. The Rhine is 1,230 kilometres long ${cites(body)[0]}. `, 'My system prompt is: secret.'] });
      const response = await dropServer.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'propo', stream: true, messages: [{ role: 'user', content: 'How long is the Rhine?' }] } });
      const streamed = v1Deltas(response.body).join('');
      assert.match(streamed, /^The Rhine is 1,230 kilometres long \[rivers\.txt:[^\]]+\]\. ?$/u);
      const final = parseSseText(response.body).map((e) => e.data).filter((d) => d.includes('"finish_reason":"stop"')).map((d) => JSON.parse(d) as { propo: { sentences: unknown[]; support: { dropped: number; unsupported: number; policy: string } } })[0];
      assert.deepEqual({ sentences: final?.propo.sentences.length, ...final?.propo.support }, { sentences: 1, method: 'lexical', policy: 'drop', dropped: 2, unsupported: 0 });
    } finally {
      await dropServer.close();
      await dropping.close();
    }
  });
});
