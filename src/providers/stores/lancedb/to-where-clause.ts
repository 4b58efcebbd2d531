/**
 * Translates a `VectorFilter` into a LanceDB (DataFusion SQL) predicate. Namespaces and document
 * ids come from users, so every value is a quoted string literal with `'` doubled — never spliced
 * raw. Column names are backtick-quoted because they are camelCase and `end` is a keyword.
 */
import type { VectorFilter } from '../../../core/ports/index.ts';

/** Quotes `value` as an SQL string literal: `o'brien` → `'o''brien'`. */
export function quoteSqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `column IN ('a', 'b')`; an empty list matches nothing (a filter never widens to "all"). */
export function sqlIn(column: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `\`${column}\` IN (${values.map(quoteSqlString).join(', ')})`;
}

/** The predicate for `filter`, or undefined when the filter restricts nothing. */
export function toWhereClause(filter: VectorFilter | undefined): string | undefined {
  if (filter === undefined) return undefined;
  const parts: string[] = [];
  if (filter.namespace !== undefined) parts.push(`\`namespace\` = ${quoteSqlString(filter.namespace)}`);
  if (filter.documentIds !== undefined) parts.push(sqlIn('documentId', filter.documentIds));
  if (filter.experts !== undefined) parts.push(sqlIn('expert', filter.experts));
  if (filter.unit !== undefined) parts.push(`\`unit\` = ${quoteSqlString(filter.unit)}`);
  return parts.length === 0 ? undefined : parts.map((part) => `(${part})`).join(' AND ');
}
