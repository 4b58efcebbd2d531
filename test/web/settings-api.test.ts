/**
 * Issue 15, Settings tab: /api/settings validates with the config schema, persists to <dataDir>/settings.json
 * (read back by loadConfig at the next start), never sends a secret back, and tests a provider's connection
 * against the scripted OpenAI-compatible server's real /v1/models.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { loadConfig, settingsFilePath } from '../../src/core/config/index.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { createTestApp, type TestApp } from './test-app.ts';

interface SettingView { path: string; value: unknown; secret: boolean; set?: boolean; pending: boolean }
const byPath = (settings: SettingView[], path: string) => settings.find((s) => s.path === path) as SettingView;

void describe('settings API (issue 15)', () => {
  let t: TestApp;
  let server: FastifyInstance;
  let llm: ScriptedLlmServer;

  before(async () => {
    t = await createTestApp();
    server = await buildServer(t.app);
    llm = await startScriptedLlmServer({ script: { text: 'unused' }, models: ['llama3', 'qwen2.5'] });
  });
  after(async () => {
    await server?.close();
    await llm?.close();
    await t?.cleanup();
  });

  test('saves valid settings, keeps the key write-only, and loadConfig applies them at the next start', async () => {
    const response = await server.inject({ method: 'PUT', url: '/api/settings', payload: { values: { 'llm.provider': 'openai', 'llm.baseUrl': llm.url, 'llm.model': 'llama3', 'llm.apiKey': 'sk-secret-123', topK: 9 } } });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(!response.body.includes('sk-secret-123'), 'the key is never sent back');
    const body = response.json<{ settings: SettingView[]; restartRequired: boolean }>();
    assert.equal(body.restartRequired, true);
    assert.equal(byPath(body.settings, 'llm.apiKey').set, true);
    assert.equal(byPath(body.settings, 'llm.apiKey').value, null);
    assert.equal(byPath(body.settings, 'topK').value, 9);
    assert.equal(byPath(body.settings, 'topK').pending, true);

    const listed = await server.inject('/api/settings');
    assert.ok(!listed.body.includes('sk-secret-123'));
    const file = settingsFilePath(t.dataDir);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const { config, sources } = loadConfig({ env: {}, dotenvPath: false, overrides: { dataDir: t.dataDir } });
    assert.equal(config.topK, 9);
    assert.equal(config.llm.provider, 'openai');
    assert.equal(config.llm.apiKey, 'sk-secret-123');
    assert.equal(sources['topK'], 'settings');
  });

  test('an invalid value is refused with the schema problem and nothing stored changes', async () => {
    const before = readFileSync(settingsFilePath(t.dataDir), 'utf8');
    const outOfRange = await server.inject({ method: 'PUT', url: '/api/settings', payload: { values: { topK: 0 } } });
    assert.equal(outOfRange.statusCode, 400);
    assert.equal(outOfRange.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION');
    assert.match(outOfRange.json<{ error: { message: string } }>().error.message, /topK/);
    const crossCheck = await server.inject({ method: 'PUT', url: '/api/settings', payload: { values: { 'llm.provider': 'openrouter', 'llm.apiKey': null } } });
    assert.equal(crossCheck.statusCode, 400);
    const notEditable = await server.inject({ method: 'PUT', url: '/api/settings', payload: { values: { dataDir: '/tmp/x' } } });
    assert.equal(notEditable.statusCode, 400);
    assert.equal(readFileSync(settingsFilePath(t.dataDir), 'utf8'), before);
  });

  test('test connection lists the models of an OpenAI-compatible server, using the saved key', async () => {
    const response = await server.inject({ method: 'POST', url: '/api/settings/test-connection', payload: { kind: 'llm', provider: 'openai', baseUrl: llm.url } });
    assert.equal(response.statusCode, 200);
    const result = response.json<{ ok: boolean; models: string[] }>();
    assert.equal(result.ok, true);
    assert.deepEqual(result.models, ['llama3', 'qwen2.5']);
    const modelsCall = llm.requests.filter((r) => r.path === '/v1/models').at(-1);
    assert.equal(modelsCall?.headers.authorization, 'Bearer sk-secret-123');
    const unreachable = await server.inject({ method: 'POST', url: '/api/settings/test-connection', payload: { kind: 'llm', provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' } });
    assert.equal(unreachable.json<{ ok: boolean }>().ok, false);
  });

  test('a damaged settings.json is a typed config error naming the file', () => {
    writeFileSync(settingsFilePath(t.dataDir), '{ not json');
    assert.throws(() => loadConfig({ env: {}, dotenvPath: false, overrides: { dataDir: t.dataDir } }), (error: { code?: string; message: string }) => error.code === 'PROPO_ERR_CONFIG_INVALID' && error.message.includes('settings.json'));
  });
});
