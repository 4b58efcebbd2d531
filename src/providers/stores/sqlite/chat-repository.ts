/** Persisted chat sessions and their messages (with the answer's citations and usage). */
import { randomUUID } from 'node:crypto';
import { applyMigrations, type Db } from './open-database.ts';

export interface ChatSession { id: string; title: string; user: string | null; createdAt: string; updatedAt: string; messages?: ChatMessageRecord[] }
export interface ChatMessageRecord { id: string; sessionId: string; role: 'user' | 'assistant'; content: string; createdAt: string; answer: unknown }

export class ChatRepository {
  constructor(private readonly db: Db) {
    applyMigrations(db, 'chat', [{
      version: 1,
      name: 'chat-sessions',
      sql: `CREATE TABLE chat_sessions (id TEXT PRIMARY KEY, title TEXT NOT NULL, user TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE chat_messages (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
          role TEXT NOT NULL, content TEXT NOT NULL, answer TEXT, created_at TEXT NOT NULL);
        CREATE INDEX chat_messages_session ON chat_messages (session_id, created_at);`,
    }]);
  }

  create(title = 'New chat', user: string | null = null): ChatSession {
    const now = new Date().toISOString();
    const session = { id: `chat_${randomUUID()}`, title: title.slice(0, 200), user, createdAt: now, updatedAt: now };
    this.db.prepare('INSERT INTO chat_sessions VALUES (?, ?, ?, ?, ?)').run(session.id, session.title, user, now, now);
    return session;
  }

  list(user: string | null = null): ChatSession[] {
    const rows = user === null
      ? this.db.prepare('SELECT id, title, user, created_at AS createdAt, updated_at AS updatedAt FROM chat_sessions ORDER BY updated_at DESC').all()
      : this.db.prepare('SELECT id, title, user, created_at AS createdAt, updated_at AS updatedAt FROM chat_sessions WHERE user = ? ORDER BY updated_at DESC').all(user);
    return rows as ChatSession[];
  }

  get(id: string): ChatSession | null {
    const session = this.db.prepare('SELECT id, title, user, created_at AS createdAt, updated_at AS updatedAt FROM chat_sessions WHERE id = ?').get(id) as ChatSession | undefined;
    if (!session) return null;
    const messages = (this.db.prepare('SELECT id, session_id AS sessionId, role, content, answer, created_at AS createdAt FROM chat_messages WHERE session_id = ? ORDER BY created_at, rowid').all(id) as Array<Omit<ChatMessageRecord, 'answer'> & { answer: string | null }>)
      .map((m) => ({ ...m, answer: m.answer ? JSON.parse(m.answer) as unknown : null }));
    return { ...session, messages };
  }

  rename(id: string, title: string): boolean {
    return this.db.prepare('UPDATE chat_sessions SET title = ?, updated_at = ? WHERE id = ?').run(title.slice(0, 200), new Date().toISOString(), id).changes > 0;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM chat_sessions WHERE id = ?').run(id).changes > 0;
  }

  append(sessionId: string, role: 'user' | 'assistant', content: string, answer: unknown = null): ChatMessageRecord {
    const now = new Date().toISOString();
    const message = { id: `msg_${randomUUID()}`, sessionId, role, content, createdAt: now, answer };
    this.db.prepare('INSERT INTO chat_messages VALUES (?, ?, ?, ?, ?, ?)').run(message.id, sessionId, role, content, answer === null ? null : JSON.stringify(answer), now);
    this.db.prepare('UPDATE chat_sessions SET updated_at = ? WHERE id = ?').run(now, sessionId);
    return message;
  }

  /**
   * Sessions whose title or messages contain `query` (case-insensitive for ASCII, LIKE with escaped wildcards),
   * newest first, each with the first matching message as a snippet; `user` limits them to that user's sessions.
   */
  /**
   * Edit-and-resend: removes a question of this session and every message after it. False (nothing removed) when
   * `messageId` is not a question of this session.
   */
  truncateFrom(sessionId: string, messageId: string): boolean {
    const row = this.db.prepare("SELECT rowid AS position, created_at AS createdAt FROM chat_messages WHERE id = ? AND session_id = ? AND role = 'user'").get(messageId, sessionId) as { position: number; createdAt: string } | undefined;
    if (!row) return false;
    this.db.prepare('DELETE FROM chat_messages WHERE session_id = ? AND (created_at > ? OR (created_at = ? AND rowid >= ?))').run(sessionId, row.createdAt, row.createdAt, row.position);
    return true;
  }

  search(query: string, user: string | null = null, limit = 50): Array<ChatSession & { snippet: string | null }> {
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db.prepare(`SELECT s.id, s.title, s.user, s.created_at AS createdAt, s.updated_at AS updatedAt,
        (SELECT m.content FROM chat_messages m WHERE m.session_id = s.id AND m.content LIKE @pattern ESCAPE '\\' ORDER BY m.created_at, m.rowid LIMIT 1) AS snippet
      FROM chat_sessions s
      WHERE (@user IS NULL OR s.user = @user)
        AND (s.title LIKE @pattern ESCAPE '\\' OR EXISTS (SELECT 1 FROM chat_messages m WHERE m.session_id = s.id AND m.content LIKE @pattern ESCAPE '\\'))
      ORDER BY s.updated_at DESC LIMIT @limit`).all({ pattern, user, limit });
    return rows as Array<ChatSession & { snippet: string | null }>;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM chat_sessions').get() as { n: number }).n;
  }
}
