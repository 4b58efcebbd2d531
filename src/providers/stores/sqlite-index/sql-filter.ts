/** A `VectorFilter` as a parameterised SQL condition over a unit table (values never enter the SQL text). */
import type { VectorFilter } from '../../../core/ports/index.ts';

export interface SqlCondition { sql: string; params: string[] }

/** `AND`-joined conditions on columns of alias `t` ('1' when the filter is empty); `unit` is answered by the table choice. */
export function sqlFilter(filter: VectorFilter | undefined): SqlCondition {
  const parts: string[] = [];
  const params: string[] = [];
  if (filter?.namespace !== undefined) { parts.push('t.namespace = ?'); params.push(filter.namespace); }
  if (filter?.unit !== undefined) { parts.push('t.unit = ?'); params.push(filter.unit); }
  for (const [column, values] of [['document_id', filter?.documentIds], ['expert', filter?.experts]] as const) {
    if (values === undefined) continue;
    if (values.length === 0) { parts.push('0'); continue; }
    parts.push(`t.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
