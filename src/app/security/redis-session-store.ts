/** Sessions in Redis (shared by several app instances), with SQLite as the fallback when a call fails. */
import type { Redis } from 'ioredis';
import { sha256 } from './user-repository.ts';
import { newSessionSecrets, type Session, type SessionStore } from './session-store.ts';

const PREFIX = 'propo:session:';
const USER_PREFIX = 'propo:user-sessions:';

export function createRedisSessionStore(redis: Redis, fallback: SessionStore, onFallback: (error: Error) => void = () => undefined): SessionStore {
  const guarded = async <T>(run: () => Promise<T>, fallbackRun: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      onFallback(error as Error);
      return fallbackRun();
    }
  };
  return {
    backend: 'redis',
    create(userName, ttlMs) {
      return guarded(async () => {
        const { id, csrfToken } = newSessionSecrets();
        const session: Session = { userName, csrfToken, expiresAt: Date.now() + ttlMs };
        const key = PREFIX + sha256(id);
        await redis.multi().set(key, JSON.stringify(session), 'PX', Math.max(1, Math.round(ttlMs)))
          .sadd(USER_PREFIX + userName, key).pexpire(USER_PREFIX + userName, Math.max(1, Math.round(ttlMs))).exec();
        return { id, session };
      }, () => fallback.create(userName, ttlMs));
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
      await guarded(async () => { await redis.del(PREFIX + sha256(id)); }, () => Promise.resolve());
      await fallback.delete(id);
    },
    async deleteForUser(userName) {
      await guarded(async () => {
        const keys = await redis.smembers(USER_PREFIX + userName);
        if (keys.length > 0) await redis.del(...keys);
        await redis.del(USER_PREFIX + userName);
      }, () => Promise.resolve());
      await fallback.deleteForUser(userName);
    },
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}
