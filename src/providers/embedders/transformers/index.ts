export { createTransformersEmbedder, type TransformersEmbedder, type TransformersEmbedderOptions } from './create-transformers-embedder.ts';
export { BGE_QUERY_INSTRUCTION, defaultPooling, defaultQueryInstruction } from './model-defaults.ts';
