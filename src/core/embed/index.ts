export { embedMany, type EmbedManyOptions, type EmbedManyProgress } from './embed-many.ts';
export { withEmbeddingCache, embeddingCacheKey, type EmbeddingCache } from './with-embedding-cache.ts';
export { createLruEmbeddingCache, type LruEmbeddingCache } from './lru-embedding-cache.ts';
export { l2Normalize } from './l2-normalize.ts';
export { throwIfAborted, abortableSleep } from './abortable-sleep.ts';
