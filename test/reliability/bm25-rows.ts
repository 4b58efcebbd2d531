/** Rows of the BM25 crash test: texts from a seeded vocabulary, so the index file is a few MB and saves take a while. */
import { openDatabase, type Db } from '../../src/providers/stores/sqlite/index.ts';
import { UnitTable, type LexicalFileOptions } from '../../src/providers/stores/sqlite-index/unit-table.ts';
import type { VectorRecord } from '../../src/core/domain/index.ts';

export const BATCH = 2000;
export const BATCHES = 6;
export const QUERIES = ['wa ke', 'lo', 'mi ra su', 'ta ta no', 'zu be ki'];

const SYLLABLES = ['wa', 'ke', 'lo', 'mi', 'ra', 'su', 'ta', 'no', 'zu', 'be', 'ki', 'po', 'da', 'fe', 'gi', 'ho'];

export function rowOf(documentId: string, j: number): VectorRecord {
  const id = `${documentId}-${j}`;
  let seed = 2166136261;
  for (const char of id) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619) >>> 0;
  const next = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
  const words = Array.from({ length: 6 + Math.floor(next() * 20) }, () => {
    const length = 1 + Math.floor(next() ** 2 * 3);
    return Array.from({ length }, () => SYLLABLES[Math.floor(next() ** 1.5 * SYLLABLES.length)]).join('');
  });
  const text = words.join(' ');
  return { id, documentId, namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId: `${id}-p`, file: `${documentId}.txt`, expert: null, vector: Float32Array.from([1]) };
}

export function openBm25Table(file: string, lexical: LexicalFileOptions): { db: Db; table: UnitTable } {
  const db = openDatabase(file);
  const table = new UnitTable(db, 'vec_t', { dimensions: 1, annThreshold: Number.POSITIVE_INFINITY }, lexical);
  table.open();
  return { db, table };
}
