/**
 * Collections (AnythingLLM's workspaces): named groups of documents with an optional system prompt.
 * A chat scoped to a collection retrieves only from its documents (the retrieval filter's
 * `documentIds`). Membership is keyed by document id, so a document can sit in several collections;
 * deleting a document removes its memberships (ON DELETE CASCADE needs foreign keys, so also done here
 * explicitly by `forgetDocument`). Stored in the app's SQLite database, so backups and
 * `bin/propo migrate` (which copy that database) carry collections with everything else.
 */
import { createHash } from 'node:crypto';
import { PropoError } from '../../../core/errors/index.ts';
import { applyMigrations, type Db } from './open-database.ts';

export interface Collection {
  id: string;
  name: string;
  /** Extra instructions for answers in this collection (after the fixed rules, never replacing them). */
  systemPrompt: string | null;
  documentIds: string[];
  createdAt: string;
  updatedAt: string;
}

interface CollectionRow { id: string; name: string; system_prompt: string | null; created_at: string; updated_at: string }

export const MAX_COLLECTION_NAME = 100;
export const MAX_COLLECTION_PROMPT = 4000;

export class CollectionRepository {
  constructor(private readonly db: Db) {
    applyMigrations(db, 'collections', [{
      version: 1,
      name: 'collections',
      sql: `CREATE TABLE collections (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, system_prompt TEXT,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE collection_documents (collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
              document_id TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (collection_id, document_id));
            CREATE INDEX collection_documents_document ON collection_documents (document_id);`,
    }]);
  }

  list(): Collection[] {
    const rows = this.db.prepare('SELECT * FROM collections ORDER BY name COLLATE NOCASE').all() as CollectionRow[];
    return rows.map((row) => this.toCollection(row));
  }

  /** By id or (case-insensitive) name; null when there is none. */
  find(idOrName: string): Collection | null {
    const row = this.db.prepare('SELECT * FROM collections WHERE id = ? OR name = ? COLLATE NOCASE').get(idOrName, idOrName) as CollectionRow | undefined;
    return row ? this.toCollection(row) : null;
  }

  /** Like `find`, but a missing collection is a typed error that says how to list them. */
  get(idOrName: string): Collection {
    const found = this.find(idOrName);
    if (!found) throw new PropoError('PROPO_ERR_NOT_FOUND', `No collection "${idOrName.slice(0, 100)}". List them with \`bin/propo collections list\` or GET /api/collections.`);
    return found;
  }

  create(input: { name: string; systemPrompt?: string | null; documentIds?: string[] }): Collection {
    const name = checkName(input.name);
    if (this.find(name)) throw new PropoError('PROPO_ERR_CONFLICT', `A collection named "${name}" already exists. Pick another name.`);
    const now = new Date().toISOString();
    const id = `col_${createHash('sha256').update(`${name.toLowerCase()}\0${now}`).digest('hex').slice(0, 16)}`;
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO collections (id, name, system_prompt, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, checkPrompt(input.systemPrompt), now, now);
      this.addDocuments(id, input.documentIds ?? []);
    }).immediate();
    return this.get(id);
  }

  update(idOrName: string, changes: { name?: string; systemPrompt?: string | null }): Collection {
    const current = this.get(idOrName);
    const name = changes.name === undefined ? current.name : checkName(changes.name);
    const clash = this.find(name);
    if (clash && clash.id !== current.id) throw new PropoError('PROPO_ERR_CONFLICT', `A collection named "${name}" already exists. Pick another name.`);
    const prompt = changes.systemPrompt === undefined ? current.systemPrompt : checkPrompt(changes.systemPrompt);
    this.db.prepare('UPDATE collections SET name = ?, system_prompt = ?, updated_at = ? WHERE id = ?').run(name, prompt, new Date().toISOString(), current.id);
    return this.get(current.id);
  }

  remove(idOrName: string): boolean {
    const found = this.find(idOrName);
    if (!found) return false;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM collection_documents WHERE collection_id = ?').run(found.id);
      this.db.prepare('DELETE FROM collections WHERE id = ?').run(found.id);
    }).immediate();
    return true;
  }

  addDocuments(idOrName: string, documentIds: string[]): Collection {
    const collection = this.get(idOrName);
    const now = new Date().toISOString();
    const insert = this.db.prepare('INSERT OR IGNORE INTO collection_documents (collection_id, document_id, added_at) VALUES (?, ?, ?)');
    this.db.transaction(() => { for (const documentId of documentIds) insert.run(collection.id, documentId, now); })();
    this.touch(collection.id);
    return this.get(collection.id);
  }

  removeDocuments(idOrName: string, documentIds: string[]): Collection {
    const collection = this.get(idOrName);
    const remove = this.db.prepare('DELETE FROM collection_documents WHERE collection_id = ? AND document_id = ?');
    this.db.transaction(() => { for (const documentId of documentIds) remove.run(collection.id, documentId); })();
    this.touch(collection.id);
    return this.get(collection.id);
  }

  /** A deleted document leaves every collection. */
  forgetDocument(documentId: string): void {
    this.db.prepare('DELETE FROM collection_documents WHERE document_id = ?').run(documentId);
  }

  /** The collections a document is in (for the documents list). */
  ofDocument(documentId: string): { id: string; name: string }[] {
    return this.db.prepare('SELECT c.id, c.name FROM collections c JOIN collection_documents m ON m.collection_id = c.id WHERE m.document_id = ? ORDER BY c.name COLLATE NOCASE')
      .all(documentId) as { id: string; name: string }[];
  }

  private touch(id: string): void {
    this.db.prepare('UPDATE collections SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  private toCollection(row: CollectionRow): Collection {
    const documentIds = (this.db.prepare('SELECT document_id FROM collection_documents WHERE collection_id = ? ORDER BY added_at, document_id').all(row.id) as { document_id: string }[])
      .map((r) => r.document_id);
    return { id: row.id, name: row.name, systemPrompt: row.system_prompt, documentIds, createdAt: row.created_at, updatedAt: row.updated_at };
  }
}

function checkName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name || name.length > MAX_COLLECTION_NAME) throw new PropoError('PROPO_ERR_VALIDATION', `A collection name takes 1 to ${MAX_COLLECTION_NAME} characters.`);
  return name;
}

function checkPrompt(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const prompt = raw.trim();
  if (prompt.length > MAX_COLLECTION_PROMPT) throw new PropoError('PROPO_ERR_VALIDATION', `A collection's system prompt takes at most ${MAX_COLLECTION_PROMPT} characters.`);
  return prompt || null;
}
