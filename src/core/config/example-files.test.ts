import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ENV_BINDINGS, loadConfig } from './index.ts';

const root = new URL('../../../', import.meta.url);

test('.env.example names and explains every environment variable Propo reads', () => {
  const text = readFileSync(new URL('.env.example', root), 'utf8');
  for (const binding of ENV_BINDINGS) assert.match(text, new RegExp(`^#? ?${binding.env}=`, 'm'), binding.env);
});

test('config.example.yaml is valid and loads', () => {
  const { config } = loadConfig({ configPath: new URL('config.example.yaml', root).pathname, env: {}, dotenvPath: false });
  assert.equal(config.topK, 6);
  assert.equal(config.moe.router.top_k_experts, 2);
});
