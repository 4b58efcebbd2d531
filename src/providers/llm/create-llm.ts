/**
 * The LLM registry: builds the provider selected by validated config. `none` means extractive
 * answers (no LLM) and returns null; an unknown provider is a typed error, never a silent fallback.
 */
import { PropoError } from '../../core/errors/index.ts';
import type { PropoConfig } from '../../core/config/index.ts';
import type { LlmProvider } from '../../core/ports/index.ts';
import type { CircuitBreaker, CircuitBreakerOptions } from '../../core/resilience/index.ts';
import { createOpenAiCompatibleLlm } from './openai-compatible/index.ts';
import { createOpenRouterLlm } from './openrouter/index.ts';

export type LlmConfig = PropoConfig['llm'];

export interface CreateLlmOptions {
  breaker?: CircuitBreaker | CircuitBreakerOptions;
}

export function createLlm(config: LlmConfig, options: CreateLlmOptions = {}): LlmProvider | null {
  const common = {
    timeoutMs: config.timeoutMs,
    firstTokenTimeoutMs: config.firstTokenTimeoutMs,
    maxRetries: config.maxRetries,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    ...(options.breaker ? { breaker: options.breaker } : {}),
  };
  const provider: string = config.provider;
  switch (provider) {
    case 'none':
      return null;
    case 'openrouter':
      if (!config.apiKey) {
        throw new PropoError('PROPO_ERR_CONFIG_INVALID', 'OpenRouter is selected but no API key is set. Set OPENROUTER_API_KEY, or LLM_PROVIDER=none for extractive answers.');
      }
      return createOpenRouterLlm({ ...common, apiKey: config.apiKey, model: config.model, referer: config.referer, title: config.title, baseUrl: config.baseUrl });
    case 'openai':
      if (!config.baseUrl) {
        throw new PropoError('PROPO_ERR_CONFIG_INVALID', 'An OpenAI-compatible LLM needs a base URL. Set LLM_BASE_URL, e.g. http://localhost:11434/v1 for Ollama.');
      }
      return createOpenAiCompatibleLlm({ ...common, name: 'openai', baseUrl: config.baseUrl, apiKey: config.apiKey, model: config.model });
    default:
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', `Unknown LLM provider "${provider}". Use none, openrouter or openai (LLM_PROVIDER).`, { details: { provider } });
  }
}
