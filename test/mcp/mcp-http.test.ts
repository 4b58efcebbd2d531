/**
 * `/mcp` on the real web server (listening on 127.0.0.1, port 0) with auth on: refused without a
 * token, answers the SDK's streamable HTTP client with an API token, shares the 'chat' rate limit
 * and the audit log; ingest_path when mcp.ingestEnabled.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { buildServer } from '../../src/app/http/index.ts';
import { UserRepository } from '../../src/app/security/user-repository.ts';
import { createTestApp, DATASETS, type TestApp } from '../web/test-app.ts';
import { callJson, checkPropoMcp, MD_FILE } from './check-propo-mcp.ts';

const MD_DIR = join(DATASETS, 'documents/md');
const LIMIT = 25;
let t: TestApp;
let server: FastifyInstance;
let url: URL;
let token = '';

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
const post = (headers: Record<string, string> = {}) => fetch(url, {
  method: 'POST', body: JSON.stringify(initialize),
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
});

before(async () => {
  t = await createTestApp({ GRADIO_AUTH_ENABLED: 'true', GRADIO_AUTH_PASS: 'very-secret-pass-123', LLM_PROVIDER: 'none', MCP_INGEST_ENABLED: 'true' }, { 'limits.chatPerMinute': LIMIT });
  const result = await t.app.ingest({ fileName: MD_FILE, bytes: new Uint8Array(readFileSync(join(MD_DIR, MD_FILE))) });
  assert.equal(result.status, 'ingested');
  server = await buildServer(t.app);
  token = new UserRepository(t.app.db).createToken('admin');
  url = new URL(`${await server.listen({ host: '127.0.0.1', port: 0 })}/mcp`);
});
after(async () => {
  await server.close();
  await t.cleanup();
});

void test('/mcp refuses without a valid token when auth is on, and audits the bad token', async () => {
  const none = await post();
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'PROPO_ERR_UNAUTHENTICATED');
  const wrong = await post({ authorization: 'Bearer propo_not-a-real-token' });
  assert.equal(wrong.status, 401);
  assert.ok(t.app.audit.recent(20).some((e) => e.type === 'AUTH_FAILURE' && e.details.path === '/mcp'));
});

void test('/mcp with an API token: the SDK client gets tools, resources and resolving citations; ingest_path works when enabled', async () => {
  const client = new Client({ name: 'propo-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((x) => x.name).sort(), ['ask', 'cite', 'ingest_path', 'list_documents', 'search']);
  await checkPropoMcp(client);

  const second = 'rustbook-ch08-02-strings.md';
  const ingested = await callJson<{ status: string; file: string; propositions: number }>(client, 'ingest_path', { path: join(MD_DIR, second) });
  assert.equal(ingested.status, 'ingested');
  assert.ok(ingested.propositions > 0);
  const missing = await client.callTool({ name: 'ingest_path', arguments: { path: join(MD_DIR, 'no-such-file.md') } });
  assert.match((missing.content as Array<{ text: string }>)[0]?.text ?? '', /^PROPO_ERR_NOT_FOUND: Cannot read .*Check the path/);
  const { documents } = await callJson<{ documents: Array<{ file: string }> }>(client, 'list_documents', {});
  assert.deepEqual(documents.map((d) => d.file).sort(), [MD_FILE, second]);
  assert.ok(t.app.audit.recent(50).some((e) => e.type === 'MCP_INGEST' && e.user === 'admin' && e.details.file === second));
  // Issue 15: search scoped to a collection returns only its documents; an unknown one is a typed error.
  const secondId = t.app.documents.list().find((d) => d.file === second)?.id ?? '';
  t.app.collections.create({ name: 'Strings', documentIds: [secondId] });
  const scoped = await callJson<{ results: Array<{ documentId: string }> }>(client, 'search', { query: 'how are strings stored', collection: 'Strings' });
  assert.ok(scoped.results.length > 0 && scoped.results.every((r) => r.documentId === secondId));
  const unknown = await client.callTool({ name: 'search', arguments: { query: 'strings', collection: 'Nope' } });
  assert.match((unknown.content as Array<{ text: string }>)[0]?.text ?? '', /^PROPO_ERR_NOT_FOUND: No collection/);
  await client.close();
});

void test('/mcp shares the chat rate limit: 429 with Retry-After, audited as RATE_LIMIT', async () => {
  let refused: Response | null = null;
  for (let i = 0; i <= LIMIT && !refused; i++) {
    const response = await post({ authorization: `Bearer ${token}` });
    if (response.status === 429) refused = response;
    else assert.equal(response.status, 200);
  }
  assert.ok(refused, `no 429 within ${LIMIT + 1} requests`);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  assert.ok(t.app.audit.recent(50).some((e) => e.type === 'RATE_LIMIT' && e.details.route === 'chat' && e.user === 'admin'));
});

void test('GET and DELETE /mcp answer 405 (stateless endpoint)', async () => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get('allow'), 'POST');
});
