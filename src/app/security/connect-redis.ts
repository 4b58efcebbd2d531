/**
 * Connects to Redis for sessions and rate limits with a short connect timeout. Returns null
 * (and the caller falls back to SQLite / in-process state) when Redis is not reachable at start.
 */
import type { Redis } from 'ioredis';

export async function connectRedis(url: string, options: { connectTimeoutMs?: number; onError?: (error: Error) => void } = {}): Promise<Redis | null> {
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 1000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Errors after start are handled per command by the callers' fallbacks; log them, never crash.
  client.on('error', (error: Error) => options.onError?.(error));
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    options.onError?.(error as Error);
    client.disconnect();
    return null;
  }
}
