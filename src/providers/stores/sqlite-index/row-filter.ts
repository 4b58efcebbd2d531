/**
 * What the dense index keeps in memory about each row (keyed by its SQLite row number `n`): the
 * namespace, document and expert as interned integers, so filters are checked per candidate
 * without touching SQLite. About 13 bytes per row.
 */
import type { VectorFilter } from '../../../core/ports/index.ts';

export interface RowKeys { n: number; namespace: string; documentId: string; expert: string | null }

export class RowFilter {
  #names = new Map<string, number>();
  #namespace = new Int32Array(1024);
  #document = new Int32Array(1024);
  #expert = new Int32Array(1024);
  #alive = new Uint8Array(1024);
  #live = 0;

  get live(): number { return this.#live; }

  has(n: number): boolean { return n < this.#alive.length && this.#alive[n] === 1; }

  add(row: RowKeys): void {
    if (row.n >= this.#alive.length) this.#grow(row.n + 1);
    if (this.#alive[row.n] !== 1) this.#live += 1;
    this.#namespace[row.n] = this.#intern(row.namespace);
    this.#document[row.n] = this.#intern(row.documentId);
    this.#expert[row.n] = row.expert === null ? -1 : this.#intern(row.expert);
    this.#alive[row.n] = 1;
  }

  remove(n: number): boolean {
    if (!this.has(n)) return false;
    this.#alive[n] = 0;
    this.#live -= 1;
    return true;
  }

  /** A predicate over row numbers: alive and matching `filter` (the unit is the table's). */
  accept(filter: VectorFilter | undefined): (n: number) => boolean {
    const namespace = filter?.namespace === undefined ? undefined : this.#names.get(filter.namespace) ?? -2;
    const documents = filter?.documentIds === undefined ? undefined : this.#idSet(filter.documentIds);
    const experts = filter?.experts === undefined ? undefined : this.#idSet(filter.experts);
    return (n) => this.#alive[n] === 1
      && (namespace === undefined || this.#namespace[n] === namespace)
      && (documents === undefined || documents.has(this.#document[n] as number))
      && (experts === undefined || experts.has(this.#expert[n] as number));
  }

  #idSet(values: string[]): Set<number> {
    return new Set(values.flatMap((value) => this.#names.get(value) ?? []));
  }

  #intern(value: string): number {
    let id = this.#names.get(value);
    if (id === undefined) { id = this.#names.size; this.#names.set(value, id); }
    return id;
  }

  #grow(min: number): void {
    const size = Math.max(min, this.#alive.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => { const next = make(size); next.set(old); return next; };
    this.#namespace = grow(this.#namespace, (n) => new Int32Array(n));
    this.#document = grow(this.#document, (n) => new Int32Array(n));
    this.#expert = grow(this.#expert, (n) => new Int32Array(n));
    this.#alive = grow(this.#alive, (n) => new Uint8Array(n));
  }
}
