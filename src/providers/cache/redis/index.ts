export { createRedisConnection, type RedisConnectionOptions } from './create-redis-connection.ts';
export { createGuardedRedis, type GuardedRedis, type GuardedRedisOptions } from './guarded-redis.ts';
export { createRedisEmbeddingCache, type RedisEmbeddingCacheOptions, type CacheCounters } from './redis-embedding-cache.ts';
export { answerCacheKey, corpusVersion, normaliseQuestion, type AnswerCache, type AnswerKeyInput } from './answer-cache.ts';
export { createMemoryAnswerCache, type MemoryAnswerCache } from './memory-answer-cache.ts';
export { createRedisAnswerCache, type RedisAnswerCacheOptions } from './redis-answer-cache.ts';
export { checkRedis, type RedisHealth } from './check-redis.ts';
export { createRedisServices, type RedisServices, type RedisServicesOptions } from './create-redis-services.ts';
