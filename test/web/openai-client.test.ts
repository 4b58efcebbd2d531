/**
 * The official `openai` npm client talks to Propo's OpenAI-compatible API on a real port,
 * streaming and not. The LLM behind Propo is the local scripted server speaking OpenAI's wire
 * format; it answers with a marker copied from the sources in its prompt, so the citations
 * that come back were checked by Propo's citation checker.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startServer, type RunningServers } from '../../src/app/http/index.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { createTestApp, PDF_DIR, type TestApp } from './test-app.ts';

interface Citation { marker: string; file: string; page: number; start: number; end: number; text: string }

/** Answers like a well-behaved model: the first source's quote with its exact cite marker. */
function scriptedAnswer(body: Record<string, unknown>) {
  const messages = body.messages as Array<{ role: string; content: string }>;
  if (messages[0]?.content.startsWith('Rewrite')) return { text: 'What does the second paragraph say?' };
  const last = messages.at(-1)?.content ?? '';
  const source = /<source n="1" cite="([^"]+)">\n<quote>([^<]*)<\/quote>/.exec(last);
  if (!source) return { text: 'No strong match found.' };
  return { text: `The document says: ${source[2]?.trim()} ${source[1]}`, usage: { prompt_tokens: 321, completion_tokens: 12 } };
}

void describe('OpenAI-compatible API with the openai client', () => {
  let llm: ScriptedLlmServer;
  let t: TestApp;
  let running: RunningServers;
  let client: OpenAI;

  before(async () => {
    llm = await startScriptedLlmServer({ script: scriptedAnswer });
    // two_paragraphs.pdf holds two sentences: too few for BM25 statistics (LanceDB's IDF is 0 for a term in half of
    // two records), so this API test keeps the hash embedder's dense list rather than the BM25-only default.
    t = await createTestApp({ EMBEDDER: 'hash', LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted-model', LLM_API_KEY: 'sk-local', PROPOSITIONIZER: 'rule' }, { 'server.port': 0, 'server.metricsPort': 0, 'server.host': '127.0.0.1' });
    const result = await t.app.ingest({ fileName: 'two_paragraphs.pdf', bytes: new Uint8Array(readFileSync(join(PDF_DIR, 'two_paragraphs.pdf'))) });
    assert.equal(result.status, 'ingested');
    running = await startServer(t.app, { handleSignals: false });
    client = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: 'not-needed-when-auth-is-off', maxRetries: 0 });
  });
  after(async () => {
    await running.stop();
    await t.cleanup({ appClosed: true });
    await llm.close();
  });

  void test('models lists propo and the configured model', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['propo', 'scripted-model']);
  });

  void test('non-streaming: the answer cites a real span; usage is the provider-reported one', async () => {
    const completion = await client.chat.completions.create({ model: 'propo', messages: [{ role: 'user', content: 'What does the second paragraph say?' }] });
    const content = completion.choices[0]?.message.content ?? '';
    const citations = (completion as unknown as { citations: Citation[] }).citations;
    assert.ok(citations.length >= 1);
    for (const citation of citations) {
      assert.ok(content.includes(citation.marker), content);
      const resolved = await fetch(`${running.url}/api/citations/resolve?marker=${encodeURIComponent(citation.marker)}`).then((r) => r.json() as Promise<{ text: string; pageText: string }>);
      assert.equal(resolved.text, resolved.pageText.slice(citation.start, citation.end));
      assert.equal(resolved.text, citation.text);
    }
    assert.equal(completion.usage?.prompt_tokens, 321);
    assert.equal(completion.usage?.completion_tokens, 12);
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
  });

  void test('streaming: content deltas, a final chunk with citations, a usage chunk; history is used for follow-ups', async () => {
    const stream = await client.chat.completions.create({
      model: 'propo',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'user', content: 'What does the first paragraph say?' },
        { role: 'assistant', content: 'It says: The first paragraph.' },
        { role: 'user', content: 'And the other one?' },
      ],
    });
    let text = '';
    let citations: Citation[] = [];
    let finish: string | null = null;
    let usage: { prompt_tokens: number } | null = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      const choice = chunk.choices[0];
      if (choice?.delta.content) text += choice.delta.content;
      if (choice?.finish_reason) {
        finish = choice.finish_reason;
        citations = (chunk as unknown as { citations: Citation[] }).citations;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    assert.ok(chunks >= 3);
    assert.equal(finish, 'stop');
    assert.ok(citations.length >= 1);
    for (const citation of citations) assert.ok(text.includes(citation.marker), text);
    assert.equal(usage?.prompt_tokens, 321);
    const rewrite = llm.chatRequests().find((r) => ((r.body as { messages: Array<{ content: string }> }).messages[0]?.content ?? '').startsWith('Rewrite'));
    assert.ok(rewrite, 'the follow-up was rewritten with the conversation history');
    assert.match(JSON.stringify(rewrite.body), /The first paragraph/);
  });

  void test('errors come back as OpenAI-client errors with Propo codes', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'propo', messages: [{ role: 'system', content: 'no question here' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && (error.error as { code?: string }).code === 'PROPO_ERR_VALIDATION',
    );
  });
});
