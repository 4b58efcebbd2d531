/**
 * The LanceDB `VectorStore` the app uses: propositions in table `<name>` and paragraphs in
 * `<name>_paragraphs`, so each unit has its own BM25 statistics. In one shared table the many short
 * propositions set the average document length, and BM25's length normalisation then buried long
 * paragraphs (SciFact nDCG@10 0.641 shared vs 0.690 separate, docs/evaluation.md).
 * A search with `filter.unit` reads one table; without it both are read and merged by score.
 * Opening a table written before the split moves its paragraph rows to the paragraph table
 * (copy first, then delete, so an interrupted move is simply repeated on the next open).
 */
import type { RetrievalUnit, ScoredHit, VectorRecord } from '../../../core/domain/index.ts';
import type { IndexIdentity, VectorFilter, VectorStore } from '../../../core/ports/index.ts';
import { LanceDbStore, type LanceDbStoreOptions } from './lancedb-store.ts';

/** Name of the paragraph table that belongs to proposition table `table`. */
export function paragraphTableOf(table: string): string {
  return `${table}_paragraphs`;
}

const MOVE_CHUNK = 2_000;

export class LanceDbUnitTablesStore implements VectorStore {
  readonly name = 'lancedb';
  readonly #stores: Record<RetrievalUnit, LanceDbStore>;

  constructor(options: LanceDbStoreOptions) {
    const table = options.table ?? 'propositions';
    this.#stores = {
      proposition: new LanceDbStore({ ...options, table }),
      paragraph: new LanceDbStore({ ...options, table: paragraphTableOf(table) }),
    };
  }

  async open(identity: IndexIdentity): Promise<void> {
    await this.#stores.proposition.open(identity);
    try {
      await this.#stores.paragraph.open(identity);
      await this.#moveLegacyParagraphs();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Paragraph rows left in the proposition table by a version before the split. */
  async #moveLegacyParagraphs(): Promise<void> {
    const { proposition, paragraph } = this.#stores;
    const ids = await proposition.listIds({ unit: 'paragraph' });
    if (ids.length === 0) return;
    for (let offset = 0; offset < ids.length; offset += MOVE_CHUNK) {
      await paragraph.upsert(await proposition.fetch(ids.slice(offset, offset + MOVE_CHUNK)));
    }
    await proposition.deleteMatching({ unit: 'paragraph' });
    await proposition.optimize();
    await paragraph.optimize();
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    const propositions = records.filter((r) => r.unit !== 'paragraph');
    const paragraphs = records.filter((r) => r.unit === 'paragraph');
    if (propositions.length > 0) await this.#stores.proposition.upsert(propositions);
    if (paragraphs.length > 0) await this.#stores.paragraph.upsert(paragraphs);
  }

  async deleteByDocument(documentId: string, namespace?: string): Promise<number> {
    let deleted = 0;
    for (const store of this.#all()) deleted += await store.deleteByDocument(documentId, namespace);
    return deleted;
  }

  searchDense(vector: Float32Array, k: number, filter?: VectorFilter): Promise<ScoredHit[]> {
    return this.#search(filter, k, (store) => store.searchDense(vector, k, filter));
  }

  searchText(query: string, k: number, filter?: VectorFilter): Promise<ScoredHit[]> {
    return this.#search(filter, k, (store) => store.searchText(query, k, filter));
  }

  async count(filter?: VectorFilter): Promise<number> {
    let total = 0;
    for (const store of this.#for(filter)) total += await store.count(filter);
    return total;
  }

  async listIds(filter?: VectorFilter): Promise<string[]> {
    const ids: string[] = [];
    for (const store of this.#for(filter)) ids.push(...await store.listIds(filter));
    return ids;
  }

  async fetch(ids: string[]): Promise<VectorRecord[]> {
    const found = new Map<string, VectorRecord>();
    for (const store of this.#all()) {
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length === 0) break;
      for (const record of await store.fetch(missing)) found.set(record.id, record);
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async listDocumentIds(): Promise<string[]> {
    const ids = new Set<string>();
    for (const store of this.#all()) for (const id of await store.listDocumentIds()) ids.add(id);
    return [...ids].sort();
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    const reports = await Promise.all(this.#all().map((store) => store.health()));
    return { ok: reports.every((r) => r.ok), detail: reports.map((r) => r.detail ?? (r.ok ? 'ok' : 'unavailable')).join('; ') };
  }

  /** Compacts both tables and merges new rows into their indices. */
  async optimize(): Promise<void> {
    for (const store of this.#all()) await store.optimize();
  }

  async buildVectorIndex(): Promise<void> {
    for (const store of this.#all()) await store.buildVectorIndex();
  }

  async close(): Promise<void> {
    for (const store of this.#all()) await store.close();
  }

  async #search(filter: VectorFilter | undefined, k: number, search: (store: LanceDbStore) => Promise<ScoredHit[]>): Promise<ScoredHit[]> {
    const stores = this.#for(filter);
    if (stores.length === 1) return search(stores[0] as LanceDbStore);
    const lists = await Promise.all(stores.map(search));
    return lists.flat().sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
  }

  #for(filter: VectorFilter | undefined): LanceDbStore[] {
    return filter?.unit === undefined ? this.#all() : [this.#stores[filter.unit]];
  }

  #all(): LanceDbStore[] {
    return [this.#stores.proposition, this.#stores.paragraph];
  }

}

/** Creates the app's LanceDB store: one table per retrieval unit (call `open(identity)` before use). */
export function createLanceDbUnitTablesStore(options: LanceDbStoreOptions): LanceDbUnitTablesStore {
  return new LanceDbUnitTablesStore(options);
}
