/**
 * The names documents were given, when ingestion stored them under a safer name (issue 14.5:
 * `safe-file-name.ts`). Shown to users; never placed in a citation or a prompt. Keyed by
 * document id (content-derived), so a re-upload under another name records the latest one.
 */
import { applyMigrations, type Db } from './open-database.ts';

export class OriginalNames {
  constructor(private readonly db: Db) {
    applyMigrations(db, 'original-names', [{
      version: 1,
      name: 'original-names',
      sql: 'CREATE TABLE document_original_names (document_id TEXT PRIMARY KEY, original TEXT NOT NULL)',
    }]);
  }

  set(documentId: string, original: string): void {
    this.db.prepare('INSERT INTO document_original_names (document_id, original) VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE SET original = excluded.original').run(documentId, original.slice(0, 1000));
  }

  /** `{ originalName }` when the document was renamed, else `{}` (to spread into a summary). */
  of(documentId: string): { originalName?: string } {
    const row = this.db.prepare('SELECT original FROM document_original_names WHERE document_id = ?').get(documentId) as { original: string } | undefined;
    return row ? { originalName: row.original } : {};
  }
}
