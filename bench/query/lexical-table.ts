/** The one unit table of bench/query's synthetic texts that lexical-micro.ts and lexical-restart.ts search (1-d vectors: BM25 only). */
import type { VectorRecord } from '../../src/core/domain/index.ts';
import type { Db } from '../../src/providers/stores/sqlite/index.ts';
import type { UnitTable } from '../../src/providers/stores/sqlite-index/unit-table.ts';
import { SyntheticRows } from './data.ts';

/** Writes `size` synthetic rows to `table` in transactions of 5,000; returns the generator (its queries). */
export function fillLexicalTable(db: Db, table: UnitTable, size: number): SyntheticRows {
  const rows = new SyntheticRows(size);
  const vector = Float32Array.from([1]);
  while (!rows.done) {
    const batch: VectorRecord[] = [];
    rows.take(5_000, (i, _v, text) => batch.push({ id: `p${i}`, documentId: `d${Math.floor(i / 50)}`, namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId: `par${i}`, file: 'f.txt', expert: null, vector }));
    db.transaction(() => table.write(batch))();
  }
  return rows;
}
