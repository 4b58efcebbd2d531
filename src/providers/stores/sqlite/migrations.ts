/**
 * Ordered, append-only schema migrations of the core tables. Never edit an applied
 * migration: add a new one with the next version number. Feature modules keep their own
 * lists and apply them with `applyMigrations(db, scope, list)`.
 */
export interface Migration { version: number; name: string; sql: string }

export const CORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents-and-propositions',
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        namespace TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'ingested', 'failed')),
        pages INTEGER NOT NULL DEFAULT 0,
        propositions INTEGER NOT NULL DEFAULT 0,
        source_path TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        error_code TEXT,
        error_message TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX documents_ns_file ON documents (namespace, file);
      CREATE TABLE pages (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        source_offsets TEXT,
        PRIMARY KEY (document_id, number)
      );
      CREATE TABLE paragraphs (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        ordinal INTEGER NOT NULL
      );
      CREATE INDEX paragraphs_doc ON paragraphs (document_id, page);
      CREATE TABLE propositions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        page INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        paragraph_id TEXT NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
        expert TEXT
      );
      CREATE INDEX propositions_doc ON propositions (document_id, page, start);
      CREATE INDEX propositions_cite ON propositions (file, page, start, "end");
      CREATE TABLE ingest_jobs (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL,
        file TEXT NOT NULL,
        source_path TEXT,
        replaces TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
        stage TEXT NOT NULL,
        error TEXT,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'propositions-by-paragraph',
    sql: 'CREATE INDEX IF NOT EXISTS propositions_paragraph ON propositions (paragraph_id);',
  },
];
