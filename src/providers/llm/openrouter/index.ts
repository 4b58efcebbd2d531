export { createOpenRouterLlm, OPENROUTER_BASE_URL, type OpenRouterLlmOptions } from './create-openrouter-llm.ts';
export { fetchOpenRouterCredits, type OpenRouterCredits, type FetchOpenRouterCreditsOptions } from './fetch-openrouter-credits.ts';
