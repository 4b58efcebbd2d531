/**
 * App-state repository for documents, pages, paragraphs, propositions and ingest jobs.
 * Every write of propositions checks the span invariant first; a document becomes visible
 * (status 'ingested') in a single transaction, after its vectors are stored.
 */
import {
  assertSpanInvariant,
  type DocumentKind, type DocumentStatus, type PageText, type ParagraphRecord, type PropositionRecord,
} from '../../../core/domain/index.ts';
import type { DocumentStore, IngestJob, PendingDocument, StoredDocument } from '../../../core/ports/index.ts';
import type { Db } from './open-database.ts';

interface DocumentRow {
  id: string; file: string; kind: DocumentKind; sha256: string; bytes: number; namespace: string; status: DocumentStatus;
  pages: number; propositions: number; source_path: string | null; warnings: string; error_code: string | null;
  error_message: string | null; created_at: string; updated_at: string;
}

export type { StoredDocument, PendingDocument, IngestJob } from '../../../core/ports/index.ts';

export interface DocumentPageOptions {
  namespace: string; query?: string; content?: boolean; sort?: 'name' | 'date' | 'pages'; order?: 'asc' | 'desc'; limit?: number; offset?: number;
}

const documentFromRow = (row: DocumentRow): StoredDocument => ({
  id: row.id, file: row.file, kind: row.kind, sha256: row.sha256, bytes: row.bytes, namespace: row.namespace,
  status: row.status, pages: row.pages, propositions: row.propositions, sourcePath: row.source_path,
  warnings: JSON.parse(row.warnings) as string[], createdAt: row.created_at, updatedAt: row.updated_at,
  error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
});

interface PropositionRow { id: string; document_id: string; file: string; page: number; start: number; end: number; text: string; paragraph_id: string; expert: string | null }
const toProposition = (row: PropositionRow): PropositionRecord => ({
  id: row.id, documentId: row.document_id, file: row.file, page: row.page, start: row.start, end: row.end,
  text: row.text, paragraphId: row.paragraph_id, expert: row.expert,
});

export class DocumentRepository implements DocumentStore {
  constructor(private readonly db: Db) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  get database(): Db { return this.db; }

  findById(id: string): StoredDocument | null {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    return row ? documentFromRow(row) : null;
  }

  /** The visible document with this file name in a namespace (the one a changed file replaces). */
  findVisibleByFile(namespace: string, file: string): StoredDocument | null {
    const row = this.db.prepare("SELECT * FROM documents WHERE namespace = ? AND file = ? AND status = 'ingested' ORDER BY updated_at DESC LIMIT 1").get(namespace, file) as DocumentRow | undefined;
    return row ? documentFromRow(row) : null;
  }

  list(options: { namespace?: string; query?: string; includePending?: boolean } = {}): StoredDocument[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!options.includePending) where.push("status = 'ingested'");
    if (options.namespace) { where.push('namespace = ?'); params.push(options.namespace); }
    if (options.query) { where.push("file LIKE ? ESCAPE '\\'"); params.push(`%${options.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`); }
    const sql = `SELECT * FROM documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC`;
    return (this.db.prepare(sql).all(...params) as DocumentRow[]).map(documentFromRow);
  }

  /**
   * One page of the visible documents of a namespace (issue 15, Documents tab): `query` matches the file name
   * or, with `content`, also the text of a page; sorted by name, date or pages; `total` counts every match.
   */
  listPage(options: DocumentPageOptions): { documents: StoredDocument[]; total: number; contentMatches: Set<string> } {
    const where = ["status = 'ingested'", 'namespace = ?'];
    const params: unknown[] = [options.namespace];
    const like = options.query ? `%${options.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    let contentMatches = new Set<string>();
    if (like) {
      if (options.content) {
        contentMatches = new Set((this.db.prepare("SELECT DISTINCT p.document_id AS id FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.namespace = ? AND p.text LIKE ? ESCAPE '\\'").all(options.namespace, like) as Array<{ id: string }>).map((r) => r.id));
        where.push(`(file LIKE ? ESCAPE '\\' OR id IN (SELECT value FROM json_each(?)))`);
        params.push(like, JSON.stringify([...contentMatches]));
      } else {
        where.push("file LIKE ? ESCAPE '\\'");
        params.push(like);
      }
    }
    const order = { name: 'file COLLATE NOCASE', date: 'updated_at', pages: 'pages' }[options.sort ?? 'date'];
    const direction = options.order ?? (options.sort === 'name' ? 'asc' : 'desc');
    const sql = `SELECT * FROM documents WHERE ${where.join(' AND ')}`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`${sql} ORDER BY ${order} ${direction === 'asc' ? 'ASC' : 'DESC'}, id LIMIT ? OFFSET ?`).all(...params, options.limit ?? -1, options.offset ?? 0) as DocumentRow[];
    return { documents: rows.map(documentFromRow), total, contentMatches };
  }

  /** Writes a whole document as 'pending' (invisible) after checking the span invariant. */
  insertPending(pending: PendingDocument): void {
    assertSpanInvariant(pending.pages, pending.paragraphs, pending.propositions);
    const now = new Date().toISOString();
    const write = this.db.transaction(() => {
      this.removeRows(pending.record.id);
      const r = pending.record;
      this.db.prepare(`INSERT INTO documents (id, file, kind, sha256, bytes, namespace, status, pages, propositions, source_path, warnings, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`)
        .run(r.id, r.file, r.kind, r.sha256, r.bytes, r.namespace, pending.pages.length, pending.propositions.length, pending.sourcePath, JSON.stringify(pending.warnings), now, now);
      const page = this.db.prepare('INSERT INTO pages (document_id, number, text, source_offsets) VALUES (?, ?, ?, ?)');
      pending.pages.forEach((p, i) => page.run(r.id, p.number, p.text, pending.sourceOffsets?.[i] ? JSON.stringify(pending.sourceOffsets[i]) : null));
      const paragraph = this.db.prepare('INSERT INTO paragraphs (id, document_id, page, start, "end", text, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const p of pending.paragraphs) paragraph.run(p.id, r.id, p.page, p.start, p.end, p.text, p.ordinal);
      const proposition = this.db.prepare('INSERT INTO propositions (id, document_id, file, page, start, "end", text, paragraph_id, expert) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const p of pending.propositions) proposition.run(p.id, r.id, r.file, p.page, p.start, p.end, p.text, p.paragraphId, p.expert ?? null);
      this.db.prepare(`INSERT OR REPLACE INTO ingest_jobs (id, document_id, file, source_path, replaces, status, stage, started_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'running', 'vectors', ?, ?)`).run(pending.jobId, r.id, r.file, pending.sourcePath, pending.replaces, now, now);
    });
    write.immediate();
  }

  /** Makes a pending document visible and removes the version it replaces, atomically. */
  commit(documentId: string, jobId: string, replaces: string | null): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (replaces && replaces !== documentId) this.removeRows(replaces);
      this.db.prepare("UPDATE documents SET status = 'ingested', updated_at = ? WHERE id = ?").run(now, documentId);
      this.db.prepare("UPDATE ingest_jobs SET status = 'done', stage = 'done', updated_at = ? WHERE id = ?").run(now, jobId);
    }).immediate();
  }

  markJob(jobId: string, status: 'failed' | 'interrupted' | 'done', error: string | null = null): void {
    this.db.prepare('UPDATE ingest_jobs SET status = ?, error = ?, updated_at = ? WHERE id = ?').run(status, error, new Date().toISOString(), jobId);
  }

  unfinishedJobs(): IngestJob[] {
    return (this.db.prepare("SELECT id, document_id AS documentId, file, source_path AS sourcePath, replaces, status, stage, error FROM ingest_jobs WHERE status = 'running' ORDER BY started_at").all() as IngestJob[]);
  }

  recentJobs(limit = 50): IngestJob[] {
    return (this.db.prepare('SELECT id, document_id AS documentId, file, source_path AS sourcePath, replaces, status, stage, error FROM ingest_jobs ORDER BY updated_at DESC LIMIT ?').all(limit) as IngestJob[]);
  }

  /** Records where a document's file now lives (a watched folder saw it renamed or moved; same bytes, same id). */
  setSourcePath(documentId: string, sourcePath: string | null): boolean {
    return this.db.prepare('UPDATE documents SET source_path = ? WHERE id = ?').run(sourcePath, documentId).changes > 0;
  }

  /** Deletes a document and everything below it (pages, paragraphs, propositions). */
  delete(documentId: string): boolean {
    return this.db.transaction(() => this.removeRows(documentId)).immediate() > 0;
  }

  private removeRows(documentId: string): number {
    return this.db.prepare('DELETE FROM documents WHERE id = ?').run(documentId).changes;
  }

  pages(documentId: string): PageText[] {
    return this.db.prepare('SELECT number, text FROM pages WHERE document_id = ? ORDER BY number').all(documentId) as PageText[];
  }

  page(documentId: string, number: number): (PageText & { sourceOffsets: number[] | null }) | null {
    const row = this.db.prepare('SELECT number, text, source_offsets FROM pages WHERE document_id = ? AND number = ?').get(documentId, number) as { number: number; text: string; source_offsets: string | null } | undefined;
    return row ? { number: row.number, text: row.text, sourceOffsets: row.source_offsets ? JSON.parse(row.source_offsets) as number[] : null } : null;
  }

  paragraphs(documentId: string): ParagraphRecord[] {
    return this.db.prepare('SELECT id, document_id AS documentId, page, start, "end", text, ordinal FROM paragraphs WHERE document_id = ? ORDER BY page, ordinal').all(documentId) as ParagraphRecord[];
  }

  /** Every paragraph of the ingested documents, by document and reading order (corpus statistics). */
  visibleParagraphs(): ParagraphRecord[] {
    return this.db.prepare(`SELECT p.id, p.document_id AS documentId, p.page, p.start, p."end", p.text, p.ordinal FROM paragraphs p
      JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested' ORDER BY p.document_id, p.page, p.ordinal`).all() as ParagraphRecord[];
  }

  paragraph(id: string): ParagraphRecord | null {
    return (this.db.prepare('SELECT id, document_id AS documentId, page, start, "end", text, ordinal FROM paragraphs WHERE id = ?').get(id) as ParagraphRecord | undefined) ?? null;
  }

  propositions(documentId: string): PropositionRecord[] {
    return (this.db.prepare('SELECT * FROM propositions WHERE document_id = ? ORDER BY page, start, "end"').all(documentId) as PropositionRow[]).map(toProposition);
  }

  propositionsByIds(ids: string[]): PropositionRecord[] {
    if (ids.length === 0) return [];
    const rows: PropositionRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      rows.push(...(this.db.prepare(`SELECT * FROM propositions WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as PropositionRow[]));
    }
    return rows.map(toProposition);
  }

  /** The paragraph after this one on the same page (headings are cited through it). */
  nextParagraph(id: string): ParagraphRecord | null {
    return (this.db.prepare(`SELECT n.id, n.document_id AS documentId, n.page, n.start, n."end", n.text, n.ordinal FROM paragraphs p
      JOIN paragraphs n ON n.document_id = p.document_id AND n.page = p.page AND n.ordinal = p.ordinal + 1 WHERE p.id = ?`).get(id) as ParagraphRecord | undefined) ?? null;
  }

  /** Propositions of the given paragraphs, in reading order. */
  propositionsByParagraphs(paragraphIds: string[]): PropositionRecord[] {
    if (paragraphIds.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM propositions WHERE paragraph_id IN (${paragraphIds.map(() => '?').join(',')}) ORDER BY page, start`).all(...paragraphIds) as PropositionRow[];
    return rows.map(toProposition);
  }

  /** Visible propositions whose span is exactly this citation. */
  findBySpan(file: string, page: number, start: number, end: number): PropositionRecord[] {
    return (this.db.prepare(`SELECT p.* FROM propositions p JOIN documents d ON d.id = p.document_id
      WHERE p.file = ? AND p.page = ? AND p.start = ? AND p."end" = ? AND d.status = 'ingested'`).all(file, page, start, end) as PropositionRow[]).map(toProposition);
  }

  /**
   * A token that changes whenever this database may have changed: `data_version` (commits by other
   * connections and processes) with `total_changes()` (rows this connection wrote). Cheap (no table
   * read), so callers poll it per query and re-read derived state only when it moves.
   */
  changeVersion(): string {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const ownChanges = this.db.prepare('SELECT total_changes()').pluck().get() as number;
    return `${dataVersion}:${ownChanges}`;
  }

  visibleDocumentIds(): Set<string> {
    return new Set((this.db.prepare("SELECT id FROM documents WHERE status = 'ingested'").all() as { id: string }[]).map((r) => r.id));
  }

  setExperts(assignments: Array<{ id: string; expert: string | null }>): void {
    const update = this.db.prepare('UPDATE propositions SET expert = ? WHERE id = ?');
    this.db.transaction(() => { for (const a of assignments) update.run(a.expert, a.id); }).immediate();
  }

  counts(): { documents: number; pages: number; propositions: number; paragraphs: number } {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      documents: one("SELECT COUNT(*) AS n FROM documents WHERE status = 'ingested'"),
      pages: one("SELECT COUNT(*) AS n FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested'"),
      paragraphs: one("SELECT COUNT(*) AS n FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested'"),
      propositions: one("SELECT COUNT(*) AS n FROM propositions p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ingested'"),
    };
  }

  getMeta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
