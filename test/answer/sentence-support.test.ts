/**
 * Issue 12.6: every sentence of an LLM answer carries a verified citation or is marked
 * unsupported, with a support score per cited sentence: lexical overlap with its cited span by
 * default, the cross-encoder (real transformers.js path, tiny model) when one is configured.
 * Visible in `ask`, `/api/chat`, `/v1/chat/completions` and `bin/propo ask --json`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { claimOf } from '../../src/core/answer/sentence-support.ts';
import { createTransformersCrossEncoder } from '../../src/providers/rerankers/transformers/index.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { createTempApp, type TempApp } from '../../src/testing/temp-app.ts';
import { writeTinyCrossEncoder } from '../moe/tiny-cross-encoder.ts';
import { run, propoBin } from '../ops/serve-process.ts';
import { parseSseText } from '../web/test-app.ts';

const DOCUMENT = 'Quarterly revenue grew by 12 percent in the third quarter.\n\nThe company opened two new offices in Lisbon and Porto.';
// Both spans' words: the evidence test (decision 0045) weighs the best single paragraph, and this asks about two.
const QUESTION = 'What about the quarterly revenue and the new offices?';

/** A model that copies the revenue span, cites the offices span for an unrelated claim, and adds an uncited sentence. */
function answer(body: Record<string, unknown>) {
  const messages = body.messages as Array<{ role: string; content: string }>;
  const sources = [...(messages.at(-1)?.content ?? '').matchAll(/cite="(\[[^"]+\])">\n<quote>([^<]*)<\/quote>/g)].map((m) => ({ cite: m[1] as string, quote: m[2] as string }));
  const revenue = sources.find((s) => s.quote.includes('revenue'));
  const offices = sources.find((s) => s.quote.includes('offices'));
  return { text: `Quarterly revenue grew by 12 percent in the third quarter ${revenue?.cite}. Bananas are yellow ${offices?.cite}. The outlook is excellent.` };
}

interface Sentence { text: string; start: number; end: number; citations: string[]; supported: boolean; support: number | null }

void describe('issue 12.6: per-sentence support of LLM answers', () => {
  let llm: ScriptedLlmServer;
  let t: TempApp;
  let server: FastifyInstance;

  before(async () => {
    llm = await startScriptedLlmServer({ script: answer });
    t = await createTempApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', PROPOSITIONIZER: 'rule' });
    assert.equal((await t.app.ingest({ fileName: 'report.txt', bytes: new TextEncoder().encode(DOCUMENT) })).status, 'ingested');
    server = await buildServer(t.app);
  });
  after(async () => {
    await server.close();
    await t.cleanup();
    await llm.close();
  });

  void test('ask: each sentence with its citations, support and offsets into the answer', async () => {
    const result = await t.app.ask(QUESTION);
    assert.equal(result.mode, 'llm');
    assert.deepEqual(result.sentences.map((s) => s.supported), [true, true, false]);
    for (const sentence of result.sentences) assert.equal(result.answer.slice(sentence.start, sentence.end), sentence.text);
    const [copied, unrelated, uncited] = result.sentences;
    assert.equal(copied?.support, 1, 'a sentence restating its span is fully supported');
    assert.equal(unrelated?.support, 0, 'a claim sharing no word with its span has no lexical support');
    assert.deepEqual({ citations: uncited?.citations, support: uncited?.support }, { citations: [], support: null });
    assert.deepEqual(result.support, { method: 'lexical', policy: 'mark', unsupported: 1, dropped: 0 });
    assert.ok(result.citations.every((c) => result.sentences.some((s) => s.citations.includes(c.marker))));
  });

  void test('/api/chat answer-end and /v1 (both modes) carry the same sentences', async () => {
    const chat = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: QUESTION } });
    const end = JSON.parse(parseSseText(chat.body).find((e) => e.event === 'answer-end')?.data ?? '{}') as { sentences: Sentence[]; support: { unsupported: number } };
    assert.deepEqual(end.sentences.map((s) => [s.supported, s.support]), [[true, 1], [true, 0], [false, null]]);
    assert.equal(end.support.unsupported, 1);

    const plain = (await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'propo', messages: [{ role: 'user', content: QUESTION }] } })).json<{ propo: { sentences: Sentence[] } }>();
    assert.deepEqual(plain.propo.sentences.map((s) => s.supported), [true, true, false]);
    const streamed = await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'propo', stream: true, messages: [{ role: 'user', content: QUESTION }] } });
    const last = parseSseText(streamed.body).map((e) => e.data).find((d) => d.includes('"finish_reason":"stop"')) ?? '{}';
    assert.deepEqual((JSON.parse(last) as { propo: { sentences: Sentence[] } }).propo.sentences.map((s) => s.supported), [true, true, false]);
  });

  void test('bin/propo ask --json prints sentences and support', async () => {
    const env = { PROPO_DATA_DIR: t.config.dataDir, PROPO_LOG_DIR: t.config.logDir, LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', PROPOSITIONIZER: 'rule' };
    const cli = await run(propoBin, ['ask', QUESTION, '--json'], env);
    assert.equal(cli.code, 0, cli.stderr);
    const printed = JSON.parse(cli.stdout) as { sentences: Sentence[]; support: { method: string; unsupported: number } };
    assert.deepEqual(printed.sentences.map((s) => s.supported), [true, true, false]);
    assert.deepEqual({ method: printed.support.method, unsupported: printed.support.unsupported }, { method: 'lexical', unsupported: 1 });
  });
});

void test('with the cross-encoder configured, support is its score of (sentence, cited span)', async () => {
  const modelDir = mkdtempSync(join(tmpdir(), 'propo-support-xenc-'));
  writeTinyCrossEncoder(modelDir);
  const llm = await startScriptedLlmServer({ script: answer });
  const t = await createTempApp({ LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', PROPOSITIONIZER: 'rule' }, { 'moe.reranker.stage1': 'cross-encoder', 'moe.reranker.modelPath': modelDir });
  const reference = createTransformersCrossEncoder({ modelPath: modelDir });
  try {
    await t.app.ingest({ fileName: 'report.txt', bytes: new TextEncoder().encode(DOCUMENT) });
    const result = await t.app.ask(QUESTION);
    assert.equal(result.support?.method, 'cross-encoder');
    const cited = result.sentences.filter((s) => s.supported);
    assert.equal(cited.length, 2);
    for (const sentence of cited) {
      const spans = sentence.citations.map((marker) => result.citations.find((c) => c.marker === marker)?.text ?? '');
      const expected = Math.max(...await reference.score(claimOf(sentence.text), spans));
      assert.ok(Math.abs((sentence.support ?? -1) - expected) < 1e-3, `${sentence.text}: ${sentence.support} vs ${expected}`);
    }
    assert.ok((cited[0]?.support ?? 0) > (cited[1]?.support ?? 1), 'the revenue sentence scores above the unrelated one');
  } finally {
    await reference.close?.();
    await t.cleanup();
    await llm.close();
    rmSync(modelDir, { recursive: true, force: true });
  }
});
