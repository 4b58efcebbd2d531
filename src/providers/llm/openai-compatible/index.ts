export { createOpenAiCompatibleLlm, type OpenAiCompatibleLlmOptions } from './create-openai-compatible-llm.ts';
