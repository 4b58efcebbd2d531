/**
 * Issue 15, chat: edit and resend. `replaceFrom` names a stored question of the session; it and every later message
 * are replaced by the new question and its answer, and the follow-up history no longer holds the old turns. An id
 * that is not a question of this session changes nothing and says what to do.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { createTestApp, ingestTwoTopics, parseSseText, type TestApp } from '../web/test-app.ts';

type Stored = { id: string; role: string; content: string; answer: { citations: Array<{ file: string }> } | null };

void describe('chat: edit and resend', () => {
  let t: TestApp;
  let server: FastifyInstance;

  before(async () => {
    t = await createTestApp({ LLM_PROVIDER: 'none' });
    await ingestTwoTopics(t.app);
    server = await buildServer(t.app);
  });
  after(async () => {
    await server.close();
    await t.cleanup();
  });

  const chat = async (payload: Record<string, unknown>) => {
    const response = await server.inject({ method: 'POST', url: '/api/chat', payload });
    return { response, events: response.statusCode === 200 ? parseSseText(response.body) : [] };
  };
  const messages = async (sessionId: string) => (await server.inject(`/api/sessions/${sessionId}`)).json<{ messages: Stored[] }>().messages;

  void test('the edited question replaces it and every later message; its answer is searched afresh', async () => {
    const first = await chat({ question: 'When was the lighthouse lamp converted to solar power?' });
    const start = JSON.parse(first.events[0]?.data ?? '{}') as { sessionId: string; questionId: string };
    assert.ok(start.questionId, 'answer-start names the stored question');
    const sessionId = start.sessionId;
    await chat({ question: 'Who converted it?', sessionId });
    const before = await messages(sessionId);
    assert.deepEqual(before.map((m) => m.role), ['user', 'assistant', 'user', 'assistant']);
    assert.equal(before[0]?.id, start.questionId);

    const edited = await chat({ question: 'How many apple varieties grow in the orchard?', sessionId, replaceFrom: start.questionId });
    assert.equal(edited.events.at(-1)?.event, 'answer-end');
    const end = JSON.parse(edited.events.at(-1)?.data ?? '{}') as { mode: string; citations: Array<{ file: string }> };
    assert.equal(end.mode, 'extractive');
    assert.equal(end.citations[0]?.file, 'orchard.md');
    const after = await messages(sessionId);
    assert.deepEqual(after.map((m) => [m.role, m.content.slice(0, 20)]), [['user', 'How many apple varie'], ['assistant', after[1]?.content.slice(0, 20)]]);
    assert.equal(after[1]?.answer?.citations[0]?.file, 'orchard.md');
    assert.ok(!after.some((m) => /lighthouse|converted/iu.test(m.role === 'user' ? m.content : '')), 'the old turns are gone');
  });

  void test('an id that is not a question of this chat is a 404 and removes nothing; replaceFrom without a session is a 400', async () => {
    const first = await chat({ question: 'What is pressed into cider each October?' });
    const { sessionId, questionId } = JSON.parse(first.events[0]?.data ?? '{}') as { sessionId: string; questionId: string };
    const stored = await messages(sessionId);
    const answerId = stored[1]?.id as string;
    for (const replaceFrom of [answerId, 'no-such-message']) {
      const { response } = await chat({ question: 'Anything else?', sessionId, replaceFrom });
      assert.equal(response.statusCode, 404, replaceFrom);
      assert.equal(response.json<{ error: { code: string; message: string } }>().error.code, 'PROPO_ERR_NOT_FOUND');
      assert.match(response.json<{ error: { message: string } }>().error.message, /Reload the chat/u);
    }
    const other = await chat({ question: 'When was the lamp converted?' });
    const otherStart = JSON.parse(other.events[0]?.data ?? '{}') as { questionId: string };
    const { response: crossed } = await chat({ question: 'Anything else?', sessionId, replaceFrom: otherStart.questionId });
    assert.equal(crossed.statusCode, 404, 'a question of another chat');
    assert.deepEqual((await messages(sessionId)).map((m) => m.id), stored.map((m) => m.id));
    const { response: alone } = await chat({ question: 'Anything else?', replaceFrom: questionId });
    assert.equal(alone.statusCode, 400);
    assert.equal(alone.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION');
  });
});
