export { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './create-openai-embedder.ts';
export { errorForStatus, retryAfterMs } from './openai-error.ts';
