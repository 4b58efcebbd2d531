/**
 * Sessions in Redis (shared by several app instances), written through to SQLite so a Redis
 * outage or restart logs nobody out (issue 14 item 4): reads fall back to SQLite when Redis
 * fails or does not have the session. Deletes that Redis missed during an outage are retried
 * before Redis is trusted again, so a logout during the outage stays a logout.
 */
import type { Redis } from 'ioredis';
import { sha256 } from './user-repository.ts';
import { newSessionSecrets, type Session, type SessionStore, type SqliteSessionStore } from './session-store.ts';

const PREFIX = 'propo:session:';
const USER_PREFIX = 'propo:user-sessions:';

export function createRedisSessionStore(redis: Redis, fallback: SqliteSessionStore, onFallback: (error: Error) => void = () => undefined): SessionStore {
  const pendingKeys = new Set<string>();
  const pendingUsers = new Set<string>();
  /** Deletes Redis missed while it was down; throws (→ fallback) while it still is. */
  const settlePending = async () => {
    if (pendingKeys.size > 0) {
      await redis.del(...pendingKeys);
      pendingKeys.clear();
    }
    for (const userName of [...pendingUsers]) {
      const keys = await redis.smembers(USER_PREFIX + userName);
      await redis.del(...keys, USER_PREFIX + userName);
      pendingUsers.delete(userName);
    }
  };
  const guarded = async <T>(run: () => Promise<T>, fallbackRun: () => Promise<T>): Promise<T> => {
    try {
      await settlePending();
      return await run();
    } catch (error) {
      onFallback(error as Error);
      return fallbackRun();
    }
  };
  return {
    backend: 'redis',
    async create(userName, ttlMs) {
      const { id, csrfToken } = newSessionSecrets();
      const session: Session = { userName, csrfToken, expiresAt: Date.now() + ttlMs };
      fallback.save(id, session);
      const key = PREFIX + sha256(id);
      await guarded(async () => {
        await redis.multi().set(key, JSON.stringify(session), 'PX', Math.max(1, Math.round(ttlMs)))
          .sadd(USER_PREFIX + userName, key).pexpire(USER_PREFIX + userName, Math.max(1, Math.round(ttlMs))).exec();
      }, () => Promise.resolve());
      return { id, session };
    },
    get(id) {
      if (id.length > 200) return Promise.resolve(null);
      return guarded(async () => {
        const raw = await redis.get(PREFIX + sha256(id));
        if (raw === null) return fallback.get(id);
        const session = JSON.parse(raw) as Session;
        return session.expiresAt > Date.now() ? session : null;
      }, () => fallback.get(id));
    },
    async delete(id) {
      const key = PREFIX + sha256(id);
      await fallback.delete(id);
      await guarded(async () => { await redis.del(key); }, () => { pendingKeys.add(key); return Promise.resolve(); });
    },
    async deleteForUser(userName) {
      await fallback.deleteForUser(userName);
      await guarded(async () => {
        const keys = await redis.smembers(USER_PREFIX + userName);
        if (keys.length > 0) await redis.del(...keys);
        await redis.del(USER_PREFIX + userName);
      }, () => { pendingUsers.add(userName); return Promise.resolve(); });
    },
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}
