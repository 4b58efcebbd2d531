/**
 * An ioredis client tuned for an optional cache: it connects only when asked (lazyConnect),
 * gives up quickly (short connect and command timeouts, one retry per request, no offline
 * queue) and never reconnects on its own: reconnecting is the circuit breaker's decision
 * (see guarded-redis.ts), so a dead Redis is not hammered by a reconnect loop.
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** Default 500 ms. */
  connectTimeoutMs?: number;
  /** Default 500 ms. */
  commandTimeoutMs?: number;
  /** Called for connection errors (they are expected while Redis is down). */
  onError?: (error: Error) => void;
}

export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  // ioredis loads when Redis is configured, not on every start.
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 500,
    commandTimeout: options.commandTimeoutMs ?? 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    autoResubscribe: false,
    // null = do not reconnect by itself; GuardedRedis reconnects when its breaker admits a trial.
    retryStrategy: () => null,
  });
  // Without a listener an 'error' event would crash the process.
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}
