/**
 * Terms exactly as FTS5 indexes them, for the in-memory BM25 index (lexical-index.ts): FTS5's own
 * tokenizer does the work, so Porter stems, unicode61 folding and diacritics are never re-implemented.
 * - Every row of a unit's FTS5 index at once: its `fts5vocab` 'instance' table (one row per token).
 * - New rows and query words: a TEMP FTS5 table with the same tokenizer (per connection, never on disk),
 *   filled, read through its own 'instance' table and emptied.
 */
import type { Db } from '../sqlite/index.ts';
import { FTS_TOKENIZE } from './fts-query.ts';

/** Term frequencies per row number. */
export type RowTerms = Map<number, Map<string, number>>;

const TOKENIZER_TABLE = 'propo_tokenize';

/**
 * Every token of the FTS5 index `ftsTable`, term by term and within a term by row (the 'instance' table's order;
 * call inside a read transaction with the marks it must match). One row per term comes back from SQLite — the
 * term's row numbers joined by `group_concat`, which the 'instance' scan feeds in its own order (no sort) — rather
 * than one per token: ≈ 0.1 s instead of ≈ 0.45 s CPU for 615k tokens (decision 0139).
 */
export function indexedTerms(db: Db, ftsTable: string, each: (n: number, term: string) => void): void {
  const vocab = `${ftsTable}_instances`;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."${vocab}" USING fts5vocab(main, "${ftsTable}", instance)`);
  const rows = db.prepare(`SELECT term, group_concat(doc) FROM temp."${vocab}" GROUP BY term`).raw().iterate() as IterableIterator<[string, string]>;
  for (const [term, docs] of rows) {
    let n = 0;
    for (let i = 0; i < docs.length; i++) {
      const code = docs.charCodeAt(i);
      if (code === 44) { each(n, term); n = 0; } else n = n * 10 + code - 48; // ',' ends a row number
    }
    each(n, term);
  }
}

/** Tokenizes texts keyed by an integer with the FTS5 tokenizer; a text without tokens maps to an empty map. */
export function tokenize(db: Db, texts: ReadonlyArray<readonly [number, string]>): RowTerms {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."${TOKENIZER_TABLE}" USING fts5(text, tokenize='${FTS_TOKENIZE}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp."${TOKENIZER_TABLE}_instances" USING fts5vocab(temp, "${TOKENIZER_TABLE}", instance);`);
  const out: RowTerms = new Map(texts.map(([key]) => [key, new Map<string, number>()]));
  if (texts.length === 0) return out;
  const insert = db.prepare(`INSERT INTO temp."${TOKENIZER_TABLE}" (rowid, text) VALUES (?, ?)`);
  for (const [key, text] of texts) insert.run(key, text);
  const rows = db.prepare(`SELECT doc, term FROM temp."${TOKENIZER_TABLE}_instances"`).raw().iterate() as IterableIterator<[number, string]>;
  for (const [key, term] of rows) {
    const terms = out.get(key) as Map<string, number>;
    terms.set(term, (terms.get(term) ?? 0) + 1);
  }
  db.exec(`DELETE FROM temp."${TOKENIZER_TABLE}"`);
  return out;
}

/**
 * FTS5's own totals for `ftsTable` (its 'averages' record: rows, then tokens of the one column, as SQLite varints),
 * the N and total length its `bm25()` uses; null when the record is missing or unreadable.
 */
export function ftsTotals(db: Db, ftsTable: string): { rows: number; tokens: number } | null {
  const block = db.prepare(`SELECT block FROM "${ftsTable}_data" WHERE id = 1`).pluck().get() as Buffer | undefined;
  if (!Buffer.isBuffer(block)) return null;
  const values: number[] = [];
  for (let at = 0; at < block.length && values.length < 2;) {
    let value = 0;
    let i = 0;
    for (; i < 8 && at < block.length; i++) {
      const byte = block[at++] as number;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    if (i === 8 && at < block.length) value = value * 256 + (block[at++] as number);
    values.push(value);
  }
  return values.length === 2 ? { rows: values[0] as number, tokens: values[1] as number } : null;
}
