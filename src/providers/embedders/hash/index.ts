export { createHashEmbedder, type HashEmbedderOptions } from './create-hash-embedder.ts';
export { DEFAULT_HASH_FEATURES, type HashFeatureOptions } from './hash-features.ts';
