import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, redactConfig, secretValues } from './index.ts';
import { isPropoError } from '../errors/index.ts';

const base = { dotenvPath: false as const, cwd: mkdtempSync(join(tmpdir(), 'propo-config-')) };

test('defaults match the original app', () => {
  const { config } = loadConfig({ ...base, env: {} });
  assert.equal(config.topK, 6);
  assert.equal(config.maxFileSizeMb, 10);
  assert.equal(config.namespace, 'default');
  assert.equal(config.llm.model, 'openrouter/auto');
  assert.equal(config.embedder.model, 'BAAI/bge-small-en-v1.5');
  assert.equal(config.server.port, 7860);
  assert.equal(config.llm.provider, 'none');
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.retrieval));
});

test('every problem is reported at once, with key and fix', () => {
  try {
    loadConfig({ ...base, env: { TOP_K: 'lots', MAX_FILE_SIZE_MB: '-3', NAMESPACE: 'bad space', VECTOR_STORE: 'chroma' } });
    assert.fail('should throw');
  } catch (error) {
    assert.ok(isPropoError(error));
    assert.equal(error.code, 'PROPO_ERR_CONFIG_INVALID');
    const problems = error.details?.problems as Array<{ key: string; fix: string }>;
    assert.equal(problems.length, 4);
    for (const env of ['TOP_K', 'MAX_FILE_SIZE_MB', 'NAMESPACE', 'VECTOR_STORE']) assert.ok(problems.some((p) => p.key.includes(env)), env);
    assert.ok(problems.every((p) => p.fix.length > 0));
  }
});

test('precedence: flags over env over config.yaml; OPENROUTER_API_KEY selects OpenRouter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-config-'));
  writeFileSync(join(dir, 'config.yaml'), 'topK: 9\nnamespace: fromfile\nretrieval:\n  fusion: weighted\n');
  const { config, configFile } = loadConfig({ cwd: dir, dotenvPath: false, env: { NAMESPACE: 'fromenv', OPENROUTER_API_KEY: 'sk-or-secret-123' }, overrides: { topK: 3 } });
  assert.equal(configFile, join(dir, 'config.yaml'));
  assert.equal(config.topK, 3);
  assert.equal(config.namespace, 'fromenv');
  assert.equal(config.retrieval.fusion, 'weighted');
  assert.equal(config.llm.provider, 'openrouter');
  const redacted = JSON.stringify(redactConfig(config));
  assert.ok(!redacted.includes('sk-or-secret-123'));
  assert.deepEqual(secretValues(config), ['sk-or-secret-123']);
});

test('.env is read for secrets; production refuses a default password', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-config-'));
  writeFileSync(join(dir, '.env'), 'GRADIO_AUTH_ENABLED=true\nGRADIO_AUTH_PASS=admin\n');
  assert.throws(() => loadConfig({ cwd: dir, env: { NODE_ENV: 'production' } }), (e: unknown) => isPropoError(e) && e.code === 'PROPO_ERR_CONFIG_INVALID' && /GRADIO_AUTH_PASS/.test(e.message));
  const { config } = loadConfig({ cwd: dir, env: { NODE_ENV: 'development' } });
  assert.equal(config.auth.enabled, true);
});

test('a broken config.yaml is reported, not thrown raw', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-config-'));
  writeFileSync(join(dir, 'config.yaml'), 'topK: [unclosed\n');
  assert.throws(() => loadConfig({ cwd: dir, dotenvPath: false, env: {} }), (e: unknown) => isPropoError(e) && e.code === 'PROPO_ERR_CONFIG_INVALID');
});
