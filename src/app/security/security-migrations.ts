/** Tables owned by the security feature (scope 'security' in schema_migrations). */
import type { Migration } from '../../providers/stores/sqlite/migrations.ts';

export const SECURITY_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'users-tokens-sessions',
    sql: `
      CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE api_tokens (
        sha256 TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      );
      CREATE TABLE sessions (
        id_sha256 TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_expiry ON sessions (expires_at);
    `,
  },
  {
    // Issue 15 (admin page): an account can be disabled without deleting it (its tokens and sessions stop working).
    version: 2,
    name: 'users-disabled',
    sql: `ALTER TABLE users ADD COLUMN disabled_at TEXT;`,
  },
];
