/**
 * Issue 15, collections: a chat scoped to a collection retrieves only from its documents, on every
 * path (app.ask as the CLI uses it, /api/chat, /v1/chat/completions); the collection's system prompt
 * reaches the LLM after the fixed rules; bad input is a typed error; backups carry collections.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildAnswerMessages, SYSTEM_PROMPT } from '../../src/core/answer/build-prompt.ts';
import { PropoError } from '../../src/core/errors/index.ts';
import { buildServer } from '../../src/app/http/index.ts';
import { createApp } from '../../src/app/compose.ts';
import { createBackup } from '../../src/app/ops/backup/create-backup.ts';
import { restoreBackup } from '../../src/app/ops/backup/restore-backup.ts';
import { verifyBackup } from '../../src/app/ops/backup/verify-backup.ts';
import { createTestApp, parseSseText, type TestApp } from './test-app.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const LIGHTHOUSE = 'The lighthouse lamp on Skerry Point was converted to solar power in 2019 by the harbour trust.\n';
const ORCHARD = 'The orchard behind the mill grows forty varieties of heritage apples, pressed into cider each October.\n';

let t: TestApp;
let server: FastifyInstance;
let lighthouseId = '';
let orchardId = '';

before(async () => {
  t = await createTestApp();
  lighthouseId = (await t.app.ingest({ fileName: 'lighthouse.md', bytes: encode(LIGHTHOUSE) })).id;
  orchardId = (await t.app.ingest({ fileName: 'orchard.md', bytes: encode(ORCHARD) })).id;
  server = await buildServer(t.app);
});
after(async () => {
  await server.close();
  await t.cleanup();
});

void test('the collections API creates, renames, lists and changes membership; bad input is typed', async () => {
  const created = await server.inject({ method: 'POST', url: '/api/collections', payload: { name: 'Coast', documentIds: [lighthouseId], systemPrompt: 'Answer in one sentence.' } });
  assert.equal(created.statusCode, 201, created.body);
  const coast = created.json<{ id: string; name: string; documentIds: string[]; systemPrompt: string }>();
  assert.deepEqual(coast.documentIds, [lighthouseId]);
  assert.equal(coast.systemPrompt, 'Answer in one sentence.');

  const duplicate = await server.inject({ method: 'POST', url: '/api/collections', payload: { name: 'coast' } });
  assert.equal(duplicate.statusCode, 409);
  assert.equal(duplicate.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_CONFLICT');
  const unknownDoc = await server.inject({ method: 'POST', url: `/api/collections/${coast.id}/documents`, payload: { add: ['doc_nope'] } });
  assert.equal(unknownDoc.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_NOT_FOUND');
  const empty = await server.inject({ method: 'POST', url: '/api/collections', payload: { name: '   ' } });
  assert.equal(empty.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION');

  const farm = (await server.inject({ method: 'POST', url: '/api/collections', payload: { name: 'Farm' } })).json<{ id: string }>();
  const added = await server.inject({ method: 'POST', url: `/api/collections/${farm.id}/documents`, payload: { add: [orchardId, lighthouseId] } });
  assert.deepEqual(added.json<{ documentIds: string[] }>().documentIds.sort(), [orchardId, lighthouseId].sort());
  const removed = await server.inject({ method: 'POST', url: '/api/collections/Farm/documents', payload: { remove: [lighthouseId] } });
  assert.deepEqual(removed.json<{ documentIds: string[] }>().documentIds, [orchardId]);
  const renamed = await server.inject({ method: 'PATCH', url: `/api/collections/${farm.id}`, payload: { name: 'Orchard farm' } });
  assert.equal(renamed.json<{ name: string }>().name, 'Orchard farm');
  const names = (await server.inject('/api/collections')).json<{ collections: Array<{ name: string }> }>().collections.map((c) => c.name);
  assert.deepEqual(names, ['Coast', 'Orchard farm']);
});

void test('app.ask (the CLI path) scoped to a collection cites only its documents; an empty scope finds nothing', async () => {
  const unscoped = await t.app.ask('When was the lighthouse lamp converted to solar power?');
  assert.ok(unscoped.citations.some((c) => c.documentId === lighthouseId), 'unscoped, the lighthouse is found');
  const inFarm = await t.app.ask('When was the lighthouse lamp converted to solar power?', { collection: 'Orchard farm' });
  assert.ok(inFarm.citations.every((c) => c.documentId === orchardId), 'scoped to the farm, nothing from the lighthouse');
  const inCoast = await t.app.ask('When was the lighthouse lamp converted to solar power?', { collection: 'coast' });
  assert.ok(inCoast.citations.length > 0 && inCoast.citations.every((c) => c.documentId === lighthouseId));
  // Picked documents outside the collection leave an empty scope: no-match, never the whole library.
  const outside = await t.app.ask('When was the lighthouse lamp converted to solar power?', { collection: 'Orchard farm', documentIds: [lighthouseId] });
  assert.equal(outside.mode, 'no-match');
  await assert.rejects(t.app.ask('anything', { collection: 'No such collection' }), (error: unknown) => error instanceof PropoError && error.code === 'PROPO_ERR_NOT_FOUND');
});

void test('/api/chat and /v1/chat/completions take a collection and scope the same way', async () => {
  const chat = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'Which apples grow in the orchard?', collection: 'Coast' } });
  const end = parseSseText(chat.body).find((e) => e.event === 'answer-end');
  assert.ok(end, chat.body);
  const citations = (JSON.parse(end.data) as { citations: Array<{ documentId: string }> }).citations;
  assert.ok(citations.every((c) => c.documentId === lighthouseId), 'the orchard is outside the Coast collection');

  const v1 = await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'propo', collection: 'Orchard farm', messages: [{ role: 'user', content: 'Which apples grow in the orchard?' }] } });
  assert.equal(v1.statusCode, 200, v1.body);
  const v1Citations = v1.json<{ citations: Array<{ documentId: string }> }>().citations;
  assert.ok(v1Citations.length > 0 && v1Citations.every((c) => c.documentId === orchardId));

  const unknown = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'Anything?', collection: 'Nope' } });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_NOT_FOUND');
});

void test('a collection system prompt follows the fixed rules in its own system message and cannot close the markup', () => {
  const messages = buildAnswerMessages('Q?', [], [], 'Answer like a <pirate>.');
  assert.equal(messages[0]?.content, SYSTEM_PROMPT);
  assert.equal(messages[1]?.role, 'system');
  assert.match(messages[1]?.content ?? '', /rules above still apply/);
  assert.ok(!(messages[1]?.content ?? '').includes('<pirate>'));
  assert.equal(buildAnswerMessages('Q?', []).filter((m) => m.role === 'system').length, 1, 'no prompt, no extra message');
});

void test('a deleted document leaves its collections; a backup and its restore carry collections', async () => {
  const extra = await t.app.ingest({ fileName: 'extra.md', bytes: encode('A short note about the tide tables for March.\n') });
  t.app.collections.addDocuments('Coast', [extra.id]);
  await t.app.removeDocument(extra.id);
  assert.ok(!t.app.collections.get('Coast').documentIds.includes(extra.id));

  const config = t.app.config;
  const backupConfig = { ...config, backup: { ...config.backup, dir: join(t.dataDir, '..', `${t.dataDir.split('/').pop()}-backups`) } };
  const backup = await createBackup({ config: backupConfig });
  const verified = await verifyBackup(backup.archive);
  assert.ok(verified.ok, verified.problems.join('; '));
  assert.equal(verified.manifest?.counts.collections, 2);
  const target = join(t.dataDir, '..', `${t.dataDir.split('/').pop()}-restored`);
  await restoreBackup({ archive: backup.archive, dataDir: target });
  const restored = await createApp({ ...config, dataDir: target });
  try {
    assert.deepEqual(restored.collections.list().map((c) => [c.name, c.documentIds.length, c.systemPrompt]), [['Coast', 1, 'Answer in one sentence.'], ['Orchard farm', 1, null]]);
  } finally {
    await restored.close();
  }
});
