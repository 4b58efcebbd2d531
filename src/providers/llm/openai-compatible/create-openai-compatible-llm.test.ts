import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAiCompatibleLlm } from './create-openai-compatible-llm.ts';
import { runLlmProviderSuite } from '../run-llm-provider-suite.ts';

runLlmProviderSuite('openai-compatible', {
  create: (options) => createOpenAiCompatibleLlm({
    model: 'llama3.1:8b', apiKey: 'local-key', timeoutMs: 5000, firstTokenTimeoutMs: 2000, maxRetries: 2, retryBaseMs: 10, retryMaxMs: 50, ...options,
  }),
});

void it('speaks HTTP with fetch: no file of the LLM providers imports the openai package', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    assert.doesNotMatch(source, /from\s+['"]openai(\/[^'"]*)?['"]|require\(['"]openai/, `${file} imports openai`);
  }
});

void it('uses a model-table context window, or the configured one', () => {
  assert.equal(createOpenAiCompatibleLlm({ baseUrl: 'http://x/v1', model: 'gpt-4o-mini', timeoutMs: 1, firstTokenTimeoutMs: 1, maxRetries: 0 }).maxContextTokens, 128_000);
  assert.equal(createOpenAiCompatibleLlm({ baseUrl: 'http://x/v1', model: 'llama3', timeoutMs: 1, firstTokenTimeoutMs: 1, maxRetries: 0, maxContextTokens: 4096 }).maxContextTokens, 4096);
});
