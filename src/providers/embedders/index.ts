export { createEmbedder, type EmbedderConfig } from './create-embedder.ts';
export { createHashEmbedder, type HashEmbedderOptions } from './hash/index.ts';
export { createTransformersEmbedder, type TransformersEmbedder, type TransformersEmbedderOptions } from './transformers/index.ts';
export { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai/index.ts';
