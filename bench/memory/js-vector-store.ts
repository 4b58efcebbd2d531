/**
 * A plain in-memory VectorStore for the memory benchmark only: brute-force dot product and a
 * term-overlap text score, so a run without LanceDB exercises the same app paths.
 */
import type { ScoredHit, VectorRecord } from '../../src/core/domain/index.ts';
import type { VectorFilter, VectorStore } from '../../src/core/ports/index.ts';

const terms = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

export function createJsVectorStore(): VectorStore {
  const records = new Map<string, VectorRecord>();
  const matches = (record: VectorRecord, filter: VectorFilter = {}) =>
    (!filter.namespace || record.namespace === filter.namespace) && (!filter.unit || record.unit === filter.unit) && (!filter.documentIds || filter.documentIds.includes(record.documentId));
  const hit = (record: VectorRecord, score: number): ScoredHit => {
    const { vector: _vector, ...rest } = record;
    return { id: record.id, score, record: rest };
  };
  const top = (scored: ScoredHit[], k: number) => scored.sort((a, b) => b.score - a.score).slice(0, k);
  return {
    name: 'js-memory',
    open: () => Promise.resolve(),
    upsert(batch) { for (const record of batch) records.set(record.id, record); return Promise.resolve(); },
    deleteByDocument(documentId) {
      let n = 0;
      for (const [id, record] of records) if (record.documentId === documentId) { records.delete(id); n += 1; }
      return Promise.resolve(n);
    },
    searchDense(vector, k, filter) {
      const scored: ScoredHit[] = [];
      for (const record of records.values()) {
        if (!matches(record, filter)) continue;
        let dot = 0;
        for (let i = 0; i < vector.length; i += 1) dot += (vector[i] ?? 0) * (record.vector[i] ?? 0);
        scored.push(hit(record, dot));
      }
      return Promise.resolve(top(scored, k));
    },
    searchText(query, k, filter) {
      const wanted = new Set(terms(query));
      const scored: ScoredHit[] = [];
      for (const record of records.values()) {
        if (!matches(record, filter)) continue;
        const score = terms(record.text).filter((t) => wanted.has(t)).length;
        if (score > 0) scored.push(hit(record, score));
      }
      return Promise.resolve(top(scored, k));
    },
    count: (filter) => Promise.resolve([...records.values()].filter((r) => matches(r, filter)).length),
    listIds: (filter) => Promise.resolve([...records.values()].filter((r) => matches(r, filter)).map((r) => r.id)),
    fetch: (ids) => Promise.resolve(ids.flatMap((id) => records.get(id) ?? [])),
    listDocumentIds: () => Promise.resolve([...new Set([...records.values()].map((r) => r.documentId))]),
    health: () => Promise.resolve({ ok: true }),
    close: () => Promise.resolve(),
  };
}
