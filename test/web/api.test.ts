/**
 * The HTTP API in-process (server.inject) on a real app in temp dirs: uploads with per-file
 * results, documents, chat over SSE with citations that resolve to exact spans, sessions,
 * costs, config redaction, error shapes, the OpenAI-compatible models list and health.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildMetricsServer, buildServer, Readiness } from '../../src/app/http/index.ts';
import { createTestApp, multipartBody, parseSseText, PDF_DIR, type TestApp } from './test-app.ts';

const PDF_NAME = 'two_paragraphs.pdf';
const pdfBytes = readFileSync(join(PDF_DIR, PDF_NAME));

interface DocResult { id: string; file: string; status: string; pages: number; propositions: number; error?: { code: string; message: string } }
interface Citation { marker: string; file: string; page: number; start: number; end: number; text: string; documentId: string }

void describe('HTTP API', () => {
  let t: TestApp;
  let server: FastifyInstance;
  let documentId = '';

  before(async () => {
    t = await createTestApp({ GRADIO_AUTH_PASS: 'very-secret-pass-123', OPENROUTER_API_KEY: 'sk-or-test-secret-key', LLM_PROVIDER: 'none' });
    server = await buildServer(t.app);
  });
  after(async () => {
    await server.close();
    await t.cleanup();
  });

  void test('upload: a real PDF and a bad file give one typed result each; the good one is kept', async () => {
    const { body, contentType } = multipartBody([
      { name: PDF_NAME, bytes: pdfBytes, type: 'application/pdf' },
      { name: 'setup.exe', bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00not a document') },
      { name: 'empty.txt', bytes: new Uint8Array(0), type: 'text/plain' },
    ]);
    const response = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': contentType }, body });
    assert.equal(response.statusCode, 200);
    const { documents } = response.json<{ documents: DocResult[] }>();
    assert.deepEqual(documents.map((d) => [d.file, d.status]), [[PDF_NAME, 'ingested'], ['setup.exe', 'failed'], ['empty.txt', 'failed']]);
    const [good, exe, empty] = documents as [DocResult, DocResult, DocResult];
    assert.ok(good.pages >= 1 && good.propositions >= 1);
    assert.equal(exe.error?.code, 'PROPO_ERR_UNSUPPORTED_TYPE');
    assert.equal(empty.error?.code, 'PROPO_ERR_EMPTY_FILE');
    documentId = good.id;
  });

  void test('upload with Accept: application/x-ndjson streams per-file stages, then the results', async () => {
    const { body, contentType } = multipartBody([{ name: 'notes.txt', bytes: Buffer.from('Propo keeps the original bytes of every file.\n\nIt cites exact spans.') }]);
    const response = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': contentType, accept: 'application/x-ndjson' }, body });
    assert.equal(response.statusCode, 200);
    const events = response.body.trim().split('\n').map((line) => JSON.parse(line) as { type: string; stage?: string; documents?: DocResult[] });
    assert.equal(events[0]?.type, 'accepted');
    assert.equal(events[1]?.type, 'file-start');
    assert.ok(events.some((e) => e.type === 'file-progress' && e.stage === 'parse'));
    const done = events.at(-1);
    assert.equal(done?.type, 'done');
    assert.equal(done?.documents?.[0]?.status, 'ingested');
  });

  void test('list (with ?query), get, pages and page N', async () => {
    const all = (await server.inject('/api/documents')).json<{ documents: DocResult[] }>().documents;
    assert.deepEqual(all.map((d) => d.file).sort(), ['notes.txt', PDF_NAME]);
    const filtered = (await server.inject('/api/documents?query=two_par')).json<{ documents: DocResult[] }>().documents;
    assert.deepEqual(filtered.map((d) => d.id), [documentId]);
    const doc = (await server.inject(`/api/documents/${documentId}`)).json<DocResult>();
    assert.equal(doc.file, PDF_NAME);
    const pages = (await server.inject(`/api/documents/${documentId}/pages`)).json<{ pages: Array<{ number: number; text: string }> }>().pages;
    assert.equal(pages.length, doc.pages);
    const page = (await server.inject(`/api/documents/${documentId}/pages/1`)).json<{ text: string }>();
    assert.equal(page.text, pages[0]?.text);
    const missingPage = await server.inject(`/api/documents/${documentId}/pages/99`);
    assert.equal(missingPage.statusCode, 404);
  });

  let sessionId = '';
  void test('chat streams answer-start, answer-delta…, answer-end; every citation resolves to page.text.slice(start, end)', async () => {
    const response = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'What does the second paragraph say?' } });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/event-stream/);
    const events = parseSseText(response.body);
    const names = events.map((e) => e.event);
    assert.equal(names[0], 'answer-start');
    assert.equal(names.at(-1), 'answer-end');
    assert.ok(names.slice(1, -1).length >= 1 && names.slice(1, -1).every((n) => n === 'answer-delta'));
    const start = JSON.parse(events[0]?.data ?? '{}') as { sessionId: string };
    const end = JSON.parse(events.at(-1)?.data ?? '{}') as { answer: string; mode: string; citations: Citation[]; usage: { promptTokens: number }; timings: { totalMs: number } };
    assert.equal(end.mode, 'extractive');
    assert.ok(end.citations.length >= 1);
    assert.equal(typeof end.timings.totalMs, 'number');
    const deltas = events.filter((e) => e.event === 'answer-delta').map((e) => (JSON.parse(e.data) as { text: string }).text).join('');
    assert.equal(deltas, end.answer);
    const pages = (await server.inject(`/api/documents/${documentId}/pages`)).json<{ pages: Array<{ number: number; text: string }> }>().pages;
    for (const citation of end.citations) {
      assert.ok(end.answer.includes(citation.marker));
      const resolved = await server.inject({ url: '/api/citations/resolve', query: { marker: citation.marker } });
      assert.equal(resolved.statusCode, 200);
      const span = resolved.json<{ text: string; start: number; end: number; page: number; documentId: string; pageText: string; paragraph: { start: number; end: number; text: string } }>();
      const pageText = citation.documentId === documentId ? pages.find((p) => p.number === span.page)?.text ?? '' : span.pageText;
      assert.equal(span.text, pageText.slice(citation.start, citation.end));
      assert.equal(span.text, citation.text);
      assert.ok(span.paragraph.start <= span.start && span.paragraph.end >= span.end);
    }
    sessionId = start.sessionId;
  });

  void test('a follow-up in the same session appends; sessions list, get, rename, export (md, json) and delete', async () => {
    const followUp = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'And the first paragraph?', sessionId } });
    assert.equal(parseSseText(followUp.body).at(-1)?.event, 'answer-end');
    const list = (await server.inject('/api/sessions')).json<{ sessions: Array<{ id: string; title: string }> }>().sessions;
    assert.deepEqual(list.map((s) => s.id), [sessionId]);
    assert.equal(list[0]?.title, 'What does the second paragraph say?');
    const session = (await server.inject(`/api/sessions/${sessionId}`)).json<{ messages: Array<{ role: string; answer: { citations: Citation[] } | null }> }>();
    assert.deepEqual(session.messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant']);
    assert.ok((session.messages[1]?.answer?.citations.length ?? 0) >= 1);
    const renamed = await server.inject({ method: 'PATCH', url: `/api/sessions/${sessionId}`, payload: { title: 'Paragraphs' } });
    assert.equal(renamed.json<{ title: string }>().title, 'Paragraphs');
    const md = await server.inject(`/api/sessions/${sessionId}/export?format=md`);
    assert.match(String(md.headers['content-type']), /^text\/markdown/);
    assert.match(md.body, /^# Paragraphs\n/);
    assert.match(md.body, /\[two_paragraphs\.pdf:1:\d+-\d+\]/);
    const json = (await server.inject(`/api/sessions/${sessionId}/export?format=json`)).json<{ id: string; messages: unknown[] }>();
    assert.equal(json.id, sessionId);
    assert.equal(json.messages.length, 4);
    assert.equal((await server.inject({ method: 'DELETE', url: `/api/sessions/${sessionId}` })).statusCode, 200);
    assert.equal((await server.inject(`/api/sessions/${sessionId}`)).statusCode, 404);
  });

  void test('a question over the limit is 413 PROPO_ERR_PAYLOAD_TOO_LARGE; an empty one is 400', async () => {
    const long = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'x'.repeat(t.app.config.limits.maxQuestionChars + 1) } });
    assert.equal(long.statusCode, 413);
    assert.equal(long.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_PAYLOAD_TOO_LARGE');
    const empty = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: '   ' } });
    assert.equal(empty.statusCode, 400);
  });

  void test('the ledger records each answer; totals and daily agree', async () => {
    const entries = (await server.inject('/api/costs/ledger')).json<{ entries: Array<{ mode: string }> }>().entries;
    assert.equal(entries.length, 2);
    const totals = (await server.inject('/api/costs/totals')).json<{ all: { answers: number }; today: { answers: number } }>();
    assert.equal(totals.all.answers, 2);
    assert.equal(totals.today.answers, 2);
    const days = (await server.inject('/api/costs/daily')).json<{ days: Array<{ answers: number }> }>().days;
    assert.equal(days.reduce((n, d) => n + d.answers, 0), 2);
    const credits = (await server.inject('/api/costs/credits')).json<{ available: boolean }>();
    assert.equal(credits.available, false);
  });

  void test('monthly calculator: defaults 6000 × 600 tokens / 1000 × $0.000375 + $50 = $51.35; custom inputs', async () => {
    const defaults = (await server.inject({ method: 'POST', url: '/api/costs/calculator', payload: {} })).json<{ tokensPerMonth: number; tokenCostUsd: number; totalUsd: number }>();
    assert.equal(defaults.tokensPerMonth, 3_600_000);
    assert.ok(Math.abs(defaults.totalUsd - 51.35) < 1e-9);
    const custom = (await server.inject({ method: 'POST', url: '/api/costs/calculator', payload: { monthlyQueries: 100, promptTokens: 1000, completionTokens: 0, pricePer1kTokensUsd: 0.01, baseFixedCostUsd: 0 } })).json<{ totalUsd: number }>();
    assert.ok(Math.abs(custom.totalUsd - 1) < 1e-9);
    const bad = await server.inject({ method: 'POST', url: '/api/costs/calculator', payload: { monthlyQueries: -5 } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION');
  });

  void test('config: secrets redacted, providers listed', async () => {
    const response = await server.inject('/api/config');
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes('very-secret-pass-123'));
    assert.ok(!response.body.includes('sk-or-test-secret-key'));
    const body = response.json<{ config: { auth: { pass: string } }; providers: { embedder: { name: string; dimensions: number }; llm: unknown; vectorStore: { name: string } } }>();
    assert.equal(body.config.auth.pass, '***');
    assert.equal(body.providers.embedder.dimensions, t.app.embedder.dimensions);
    assert.equal(body.providers.llm, null);
    assert.equal(body.providers.vectorStore.name, t.app.vectors.name);
  });

  void test('examples are questions about the ingested documents', async () => {
    const { questions } = (await server.inject('/api/examples')).json<{ questions: string[] }>();
    assert.ok(questions.length >= 1 && questions.length <= 4);
    for (const question of questions) assert.match(question, /^What does (two_paragraphs\.pdf|notes\.txt) say about .+\?$/);
  });

  void test('error shapes: 404 route, 404 document, 404 citation, 400 malformed citation and bad body; never a stack', async () => {
    const cases: Array<[string, InjectOptions, number, string]> = [
      ['unknown route', { url: '/api/nope' }, 404, 'PROPO_ERR_NOT_FOUND'],
      ['unknown document', { url: '/api/documents/doc_missing' }, 404, 'PROPO_ERR_NOT_FOUND'],
      ['absent span', { url: '/api/citations/resolve', query: { marker: `[${PDF_NAME}:1:0-99999]` } }, 404, 'PROPO_ERR_NOT_FOUND'],
      ['malformed marker', { url: '/api/citations/resolve', query: { marker: 'not a citation' } }, 400, 'PROPO_ERR_VALIDATION'],
      ['missing question', { method: 'POST', url: '/api/chat', payload: { k: 3 } }, 400, 'PROPO_ERR_VALIDATION'],
      ['bad JSON', { method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, body: '{"question":' }, 400, 'PROPO_ERR_VALIDATION'],
      ['upload without multipart', { method: 'POST', url: '/api/documents', payload: { files: [] } }, 400, 'PROPO_ERR_VALIDATION'],
      ['unknown session', { url: '/api/sessions/chat_nope' }, 404, 'PROPO_ERR_NOT_FOUND'],
    ];
    for (const [name, request, status, code] of cases) {
      const response = await server.inject(request);
      assert.equal(response.statusCode, status, name);
      const body = response.json<{ error: { code: string; message: string } }>();
      assert.equal(body.error.code, code, name);
      assert.ok(!/\bat .+:\d+:\d+|\/work\/|node_modules/.test(response.body), `${name} leaks internals: ${response.body}`);
    }
  });

  void test('GET /v1/models lists "propo"', async () => {
    const body = (await server.inject('/v1/models')).json<{ object: string; data: Array<{ id: string; object: string }> }>();
    assert.equal(body.object, 'list');
    assert.deepEqual(body.data.map((m) => m.id), ['propo']);
  });

  void test('static UI and OpenAPI docs are served locally', async () => {
    const index = await server.inject('/');
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /<script type="module" src="\/app.js"><\/script>/);
    assert.doesNotMatch(index.body, /<script>|\son[a-z]+="/i);
    assert.equal((await server.inject('/app.js')).statusCode, 200);
    const spec = (await server.inject('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/chat', '/api/documents', '/api/citations/resolve', '/v1/chat/completions', '/health']) assert.ok(path in spec.paths, path);
    assert.equal((await server.inject('/api/docs/static/swagger-ui-bundle.js')).statusCode, 200);
  });

  void test('delete removes the document and its vectors; its citations no longer resolve', async () => {
    const before = await t.app.vectors.count({ documentIds: [documentId] });
    assert.ok(before > 0);
    const response = await server.inject({ method: 'DELETE', url: `/api/documents/${documentId}` });
    assert.equal(response.statusCode, 200);
    assert.equal(await t.app.vectors.count({ documentIds: [documentId] }), 0);
    assert.equal((await server.inject(`/api/documents/${documentId}`)).statusCode, 404);
    assert.equal((await server.inject({ url: '/api/citations/resolve', query: { marker: `[${PDF_NAME}:1:0-5]` } })).statusCode, 404);
  });

  void test('health: simple and detailed on the web server and on the metrics server; ready; metrics text', async () => {
    const readiness = new Readiness(false);
    const metricsServer = await buildMetricsServer(t.app, readiness);
    try {
      for (const target of [server, metricsServer]) {
        const simple = (await target.inject('/health')).json<{ status: string; version: string; uptimeSeconds: number }>();
        assert.equal(simple.status, 'healthy');
        assert.equal(typeof simple.uptimeSeconds, 'number');
        const detailed = await target.inject('/health?detailed=true');
        assert.equal(detailed.statusCode, 200);
        const report = detailed.json<{ status: string; checks: Record<string, { status: string; latencyMs: number; detail: string }> }>();
        assert.deepEqual(Object.keys(report.checks).sort(), ['disk', 'embedder', 'llm', 'memory', 'redis', 'sqlite', 'vectorStore']);
        assert.equal(report.checks.sqlite?.status, 'healthy');
        assert.equal(report.checks.embedder?.status, 'healthy');
        assert.ok(['healthy', 'degraded'].includes(report.status));
      }
      assert.equal((await metricsServer.inject('/ready')).statusCode, 503);
      readiness.markReady();
      assert.equal((await metricsServer.inject('/ready')).statusCode, 200);
      const metrics = await metricsServer.inject('/metrics');
      assert.match(metrics.body, /^http_requests_total\{method="POST",route="\/api\/chat",status="200"\} \d+$/m);
      assert.match(metrics.body, /^http_requests_total\{method="GET",route="\/api\/documents\/:id",status="404"\} \d+$/m);
    } finally {
      await metricsServer.close();
    }
  });
});

void describe('HTTP API with login enabled', () => {
  let t: TestApp;
  let server: FastifyInstance;
  before(async () => {
    t = await createTestApp({ GRADIO_AUTH_ENABLED: 'true', GRADIO_AUTH_USER: 'admin', GRADIO_AUTH_PASS: 'Correct-Horse-42-battery' });
    server = await buildServer(t.app);
  });
  after(async () => {
    await server.close();
    await t.cleanup();
  });

  void test('the UI files are public; the API needs the session cookie and, for writes, the CSRF token', async () => {
    for (const path of ['/', '/app.js', '/app.css', '/js/api.js', '/js/chat.js', '/favicon.svg']) assert.equal((await server.inject(path)).statusCode, 200, path);
    assert.equal((await server.inject('/api/documents')).statusCode, 401);
    assert.equal((await server.inject('/health')).statusCode, 200);
    const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Correct-Horse-42-battery' } });
    assert.equal(login.statusCode, 200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const me = (await server.inject({ url: '/api/auth/me', headers: { cookie } })).json<{ user: { name: string }; csrfToken: string }>();
    assert.equal(me.user.name, 'admin');
    assert.equal((await server.inject({ url: '/api/documents', headers: { cookie } })).statusCode, 200);
    const withoutToken = await server.inject({ method: 'POST', url: '/api/costs/calculator', headers: { cookie }, payload: {} });
    assert.equal(withoutToken.statusCode, 403);
    assert.equal(withoutToken.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_CSRF');
    const chat = await server.inject({ method: 'POST', url: '/api/chat', headers: { cookie, 'x-csrf-token': me.csrfToken }, payload: { question: 'Anything at all?' } });
    assert.equal(chat.statusCode, 200);
    const events = parseSseText(chat.body);
    assert.equal(events.at(-1)?.event, 'answer-end');
    assert.equal((JSON.parse(events.at(-1)?.data ?? '{}') as { mode: string }).mode, 'no-match');
    const sessions = (await server.inject({ url: '/api/sessions', headers: { cookie } })).json<{ sessions: Array<{ user: string }> }>().sessions;
    assert.deepEqual(sessions.map((s) => s.user), ['admin']);
  });
});

void test('POST /api/eval/run runs the eval harness on a dataset folder and lists the run (issue 4)', { timeout: 300_000 }, async () => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createTempApp } = await import('../../src/testing/temp-app.ts');
  const { buildServer } = await import('../../src/app/http/index.ts');
  const dir = await mkdtemp(join(tmpdir(), 'propo-evalset-'));
  const line = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  await writeFile(join(dir, 'corpus.jsonl'), line([{ id: 'a', title: 'Owls', text: 'Owls hunt at night using silent flight.' }, { id: 'b', title: 'Bees', text: 'Bees make honey from nectar.' }]));
  await writeFile(join(dir, 'queries.jsonl'), line([{ id: 'q1', text: 'How do owls hunt?' }, { id: 'q2', text: 'What do bees make?' }]));
  await writeFile(join(dir, 'qrels.jsonl'), line([{ query_id: 'q1', doc_id: 'a', relevance: 1 }, { query_id: 'q2', doc_id: 'b', relevance: 1 }]));
  const { app, cleanup } = await createTempApp();
  const server = await buildServer(app);
  try {
    const bad = await server.inject({ method: 'POST', url: '/api/eval/run', payload: { dataset: join(dir, 'nope') } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION');
    const run = await server.inject({ method: 'POST', url: '/api/eval/run', payload: { dataset: dir } });
    assert.equal(run.statusCode, 200, run.body);
    const summary = run.json<{ queries: number; metrics: Record<string, number> }>();
    assert.equal(summary.queries, 2);
    assert.equal(summary.metrics['hit@1'], 1);
    const runs = (await server.inject({ method: 'GET', url: '/api/eval/runs' })).json<{ runs: unknown[]; canRun: boolean }>();
    assert.equal(runs.canRun, true);
    assert.equal(runs.runs.length, 1);
  } finally {
    await server.close();
    await cleanup();
  }
});
