import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../../core/config/index.ts';
import type { PropoError } from '../../core/errors/index.ts';
import { createLlm, type LlmConfig } from './create-llm.ts';
import { collect } from './run-llm-provider-suite.ts';
import { startScriptedLlmServer } from '../../testing/scripted-llm-server.ts';

const llmConfig = (llm: Record<string, unknown>): LlmConfig => configSchema.parse({ llm }).llm;

void describe('createLlm', () => {
  void it('returns null for provider none (extractive mode)', () => {
    assert.equal(createLlm(llmConfig({})), null);
  });

  void it('builds an OpenRouter provider with the configured model', () => {
    const provider = createLlm(llmConfig({ provider: 'openrouter', apiKey: 'sk-or-v1-x', model: 'anthropic/claude-3.5-haiku' }));
    assert.equal(provider?.name, 'openrouter');
    assert.equal(provider?.model, 'anthropic/claude-3.5-haiku');
    assert.equal(provider?.maxContextTokens, 200_000);
  });

  void it('builds an OpenAI-compatible provider that streams from the configured base URL', async () => {
    const server = await startScriptedLlmServer({ script: { text: 'local answer' } });
    try {
      const provider = createLlm(llmConfig({ provider: 'openai', baseUrl: server.url, model: 'llama3.1:8b', temperature: 0.3, maxTokens: 123 }));
      assert.equal(provider?.name, 'openai');
      const result = await collect(provider?.stream({ messages: [{ role: 'user', content: 'hi' }] }) ?? []);
      assert.equal(result.text, 'local answer');
      const body = server.chatRequests()[0]?.body as Record<string, unknown>;
      assert.equal(body.model, 'llama3.1:8b');
      assert.equal(body.temperature, 0.3);
      assert.equal(body.max_tokens, 123);
      assert.equal(server.chatRequests()[0]?.headers.authorization, undefined, 'no key, no Authorization header');
    } finally {
      await server.close();
    }
  });

  void it('refuses missing keys, missing base URLs and unknown providers with typed errors', () => {
    const isConfigError = (error: PropoError): boolean => error.code === 'PROPO_ERR_CONFIG_INVALID';
    assert.throws(() => createLlm(llmConfig({ provider: 'openrouter' })), isConfigError);
    assert.throws(() => createLlm(llmConfig({ provider: 'openai' })), isConfigError);
    assert.throws(() => createLlm({ ...llmConfig({}), provider: 'anthropic' } as unknown as LlmConfig), isConfigError);
  });
});
