/**
 * Issue 15, chat: search over past chats (a server route over the chat sessions in SQLite, per user, LIKE
 * wildcards escaped) and suggested questions drawn from real content (section headings of real papers; test
 * debris such as poppler-90-0-fuzzed.pdf and words that do not read as words skipped).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { exampleQuestions, headings, readsAsWords } from '../../src/app/http/examples/example-questions.ts';
import { UserRepository } from '../../src/app/security/user-repository.ts';
import { createPdfParser } from '../../src/providers/parsers/pdf/pdf-parser.ts';
import { AUTH_ENV, login, makeTestApp, type TestApp } from '../security/security-harness.ts';
import { PDF_DIR } from '../web/test-app.ts';

let t: TestApp;
let server: FastifyInstance;

before(async () => {
  t = await makeTestApp(AUTH_ENV);
  server = await buildServer(t.app);
  await new UserRepository(t.app.db).add('reader', 'user', 'reader-password-1');
  const mine = t.app.chats.create('Lighthouse questions', 'reader');
  t.app.chats.append(mine.id, 'user', 'When was the Skerry Point lamp converted to solar power?');
  t.app.chats.append(mine.id, 'assistant', 'It was converted in 2019 by the harbour trust. [lighthouse.md:1:0-90]');
  const other = t.app.chats.create('Cider', 'reader');
  t.app.chats.append(other.id, 'user', 'Which apples make 100% cider_press juice?');
  const admins = t.app.chats.create('Admin solar notes', 'admin');
  t.app.chats.append(admins.id, 'user', 'solar panels on the roof');
});
after(async () => {
  await server.close();
  await t.close();
});

void test('GET /api/sessions/search finds chats by message text and title, only the user\'s own, with a snippet', async () => {
  const { cookie } = await login(server, 'reader', 'reader-password-1');
  const search = async (q: string) => {
    const response = await server.inject({ method: 'GET', url: `/api/sessions/search?q=${encodeURIComponent(q)}`, headers: { cookie } });
    assert.equal(response.statusCode, 200, q);
    return response.json<{ sessions: Array<{ title: string; snippet: string | null }> }>().sessions;
  };
  const solar = await search('SOLAR power');
  assert.deepEqual(solar.map((s) => s.title), ['Lighthouse questions'], 'case-insensitive, and not the admin\'s chat');
  assert.match(solar[0]?.snippet ?? '', /converted to solar power/);
  assert.deepEqual((await search('harbour trust')).map((s) => s.title), ['Lighthouse questions'], 'answers are searched too');
  assert.deepEqual((await search('cider')).map((s) => s.title), ['Cider'], 'titles are searched');
  assert.deepEqual((await search('100%')).map((s) => s.title), ['Cider']);
  assert.deepEqual(await search('0%c'), [], '% is a character, not a wildcard');
  assert.deepEqual((await search('cider_press')).map((s) => s.title), ['Cider']);
  assert.deepEqual(await search('apples_make'), [], '_ is a character, not a wildcard (it would match "apples make")');
  assert.deepEqual(await search('nothing like this'), []);
  const anonymous = await server.inject({ method: 'GET', url: '/api/sessions/search?q=solar' });
  assert.equal(anonymous.statusCode, 401);
  const admin = await login(server, 'admin', AUTH_ENV.GRADIO_AUTH_PASS);
  const all = (await server.inject({ method: 'GET', url: '/api/sessions/search?q=solar', headers: { cookie: admin.cookie } })).json<{ sessions: Array<{ title: string }> }>().sessions;
  assert.deepEqual(all.map((s) => s.title).sort(), ['Admin solar notes', 'Lighthouse questions']);
});

void test('suggested questions come from section headings of real documents and skip fuzzed files and garbage', async () => {
  const parser = createPdfParser({ maxPages: 100 });
  const read = async (file: string) => (await parser.parse(new Uint8Array(readFileSync(join(PDF_DIR, file))), { fileName: file })).pages.slice(0, 6).map((p) => p.text);
  const trace = await read('tracemonkey.pdf');
  const fuzzed = await read('poppler-90-0-fuzzed.pdf');
  assert.deepEqual(headings(trace).slice(0, 3), ['Overview: Example Tracing Run', 'Trace Trees', 'Traces']);
  const questions = exampleQuestions([
    { file: 'poppler-90-0-fuzzed.pdf', propositions: ['ele ele ele ele'], pages: fuzzed },
    { file: 'notes.txt', propositions: ['xq zzkt vbn', 'xq zzkt vbn', 'xq zzkt vbn'] },
    { file: 'tracemonkey.pdf', propositions: [], pages: trace },
  ], 4);
  assert.equal(questions.length, 4);
  assert.deepEqual(questions.slice(0, 3), [
    'What does tracemonkey.pdf say about Overview: Example Tracing Run?',
    'What does tracemonkey.pdf say about Trace Trees?',
    'What does tracemonkey.pdf say about Traces?',
  ]);
  assert.ok(questions.every((q) => !/fuzzed|ele\?|zzkt/.test(q)), questions.join(' / '));
  // Generic headings and table-of-contents lines are not questions.
  assert.deepEqual(headings(['1 Introduction\nContents 3\n2 Method\n2.1 Data Collection\nReferences']), ['Method', 'Data Collection']);
  assert.equal(readsAsWords('Trace Trees'), true);
  assert.equal(readsAsWords('Xqzt Vbnk'), false);
  assert.equal(readsAsWords('e1e 0x3f'), false);
});
