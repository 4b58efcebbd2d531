/**
 * Server-side login sessions. The cookie carries a random 256-bit id; stores keep only its
 * sha256, the user name, the session's CSRF token and the expiry.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../providers/stores/sqlite/open-database.ts';
import { sha256 } from './user-repository.ts';

export interface Session { userName: string; csrfToken: string; expiresAt: number }

export interface SessionStore {
  readonly backend: 'sqlite' | 'redis';
  /** Creates a session; returns its id (the cookie value) and the session. */
  create(userName: string, ttlMs: number): Promise<{ id: string; session: Session }>;
  /** The live session for an id, or null when unknown or expired. */
  get(id: string): Promise<Session | null>;
  delete(id: string): Promise<void>;
  deleteForUser(userName: string): Promise<void>;
  close(): Promise<void>;
}

/** The SQLite store also takes sessions created elsewhere (the Redis store writes each one through). */
export interface SqliteSessionStore extends SessionStore {
  save(id: string, session: Session): void;
}

export function newSessionSecrets(): { id: string; csrfToken: string } {
  return { id: randomBytes(32).toString('base64url'), csrfToken: randomBytes(32).toString('base64url') };
}

export function createSqliteSessionStore(db: Db, now: () => number = Date.now): SqliteSessionStore {
  const save = (id: string, session: Session) => {
    db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now());
    db.prepare('INSERT OR REPLACE INTO sessions (id_sha256, user_name, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(sha256(id), session.userName, session.csrfToken, now(), session.expiresAt);
  };
  return {
    backend: 'sqlite',
    save,
    create(userName, ttlMs) {
      const { id, csrfToken } = newSessionSecrets();
      const session = { userName, csrfToken, expiresAt: now() + ttlMs };
      save(id, session);
      return Promise.resolve({ id, session });
    },
    get(id) {
      if (id.length > 200) return Promise.resolve(null);
      const row = db.prepare('SELECT user_name AS userName, csrf_token AS csrfToken, expires_at AS expiresAt FROM sessions WHERE id_sha256 = ?').get(sha256(id)) as Session | undefined;
      return Promise.resolve(row && row.expiresAt > now() ? row : null);
    },
    delete(id) {
      db.prepare('DELETE FROM sessions WHERE id_sha256 = ?').run(sha256(id));
      return Promise.resolve();
    },
    deleteForUser(userName) {
      db.prepare('DELETE FROM sessions WHERE user_name = ?').run(userName);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
