export { createLlm, type LlmConfig, type CreateLlmOptions } from './create-llm.ts';
export { createOpenAiCompatibleLlm, type OpenAiCompatibleLlmOptions } from './openai-compatible/index.ts';
export { createOpenRouterLlm, fetchOpenRouterCredits, OPENROUTER_BASE_URL, type OpenRouterLlmOptions, type OpenRouterCredits } from './openrouter/index.ts';
