/**
 * Conformance suite every `VectorStore` adapter runs (LanceDB now, Pinecone later):
 * `runVectorStoreSuite({ name, create })` registers node:test cases that check identity
 * guarding, upsert semantics, dense and BM25 search, filters, deletion, round-trips and
 * injection safety against the port's contract. Expected results are computed from the fixtures.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexIdentity, VectorFilter, VectorStore } from '../core/ports/index.ts';
import type { VectorRecord } from '../core/domain/index.ts';

export interface VectorStoreSuiteOptions {
  name: string;
  /** A new, unopened store over fresh, empty storage. */
  create: () => Promise<VectorStore>;
  /** A new instance over the same storage as `store` (default: `store` itself, closed and reopened). */
  reopen?: (store: VectorStore) => Promise<VectorStore>;
  /** Removes the storage behind `store` (called after the store is closed). */
  cleanup?: (store: VectorStore) => Promise<void>;
  /** Optional behaviours: `stemming` = "running" matches "runs". */
  capabilities?: { stemming?: boolean };
  /** Vector width used by the fixtures; default 8. */
  dimensions?: number;
}

/** Registers the conformance tests for one store under `describe(name)`. */
export function runVectorStoreSuite(options: VectorStoreSuiteOptions): void {
  const dims = options.dimensions ?? 8;
  const identity: IndexIdentity = { embedder: 'conformance-a', dimensions: dims };
  const rng = mulberry32(7);
  const randomVector = (): Float32Array => Float32Array.from({ length: dims }, () => rng() * 2 - 1);
  let serial = 0;
  const record = (overrides: Partial<VectorRecord> = {}): VectorRecord => {
    serial += 1;
    return {
      id: `prop_${serial}`, documentId: 'doc_a', namespace: 'default', text: `common filler sentence number ${serial}`,
      vector: randomVector(), unit: 'proposition', page: 1, start: serial, end: serial + 10,
      paragraphId: `par_${serial}`, file: 'a.txt', expert: null, ...overrides,
    };
  };
  const withStore = async (work: (store: VectorStore) => Promise<void>): Promise<void> => {
    const store = await options.create();
    try {
      await store.open(identity);
      await work(store);
    } finally {
      await store.close();
      await options.cleanup?.(store);
    }
  };

  void describe(`VectorStore conformance: ${options.name}`, () => {
    void it('refuses to reopen an index with another embedder or width (PROPO_ERR_EMBEDDER_MISMATCH)', () => withStore(async (store) => {
      await store.upsert([record()]);
      await store.close();
      const again = options.reopen === undefined ? store : await options.reopen(store);
      try {
        await assert.rejects(again.open({ embedder: 'conformance-b', dimensions: dims }), { code: 'PROPO_ERR_EMBEDDER_MISMATCH' });
        await assert.rejects(again.open({ embedder: identity.embedder, dimensions: dims + 1 }), { code: 'PROPO_ERR_EMBEDDER_MISMATCH' });
        await again.open(identity);
        assert.equal(await again.count(), 1);
        assert.equal((await again.health()).ok, true);
      } finally {
        if (again !== store) await again.close();
      }
      await store.open(identity);
    }));

    void it('rejects vectors of the wrong width on upsert and search', () => withStore(async (store) => {
      await assert.rejects(store.upsert([record({ vector: new Float32Array(dims + 1) })]), { code: 'PROPO_ERR_EMBEDDER_MISMATCH' });
      await assert.rejects(store.searchDense(new Float32Array(dims - 1), 3), { code: 'PROPO_ERR_EMBEDDER_MISMATCH' });
      assert.equal(await store.count(), 0);
    }));

    void it('returns empty results from an empty store', () => withStore(async (store) => {
      assert.deepEqual(await store.searchDense(randomVector(), 5), []);
      assert.deepEqual(await store.searchText('common', 5), []);
      assert.deepEqual(await store.listIds(), []);
      assert.deepEqual(await store.fetch([]), []);
      assert.equal(await store.count(), 0);
    }));

    void it('upserts by id: counting, and a second upsert of an id replaces it', () => withStore(async (store) => {
      const first = record({ text: 'the original aardvark statement' });
      await store.upsert([first, record(), record()]);
      assert.equal(await store.count(), 3);
      await store.upsert([{ ...first, text: 'the revised pangolin statement' }]);
      assert.equal(await store.count(), 3);
      const [fetched] = await store.fetch([first.id]);
      assert.equal(fetched?.text, 'the revised pangolin statement');
      assert.deepEqual(ids(await store.searchText('pangolin', 5)), [first.id]);
      assert.deepEqual(await store.searchText('aardvark', 5), []);
    }));

    void it('searchDense returns the nearest first with cosine scores in [-1, 1]', () => withStore(async (store) => {
      const records = Array.from({ length: 40 }, () => record());
      await store.upsert(records);
      const query = randomVector();
      const expected = records.map((r) => ({ id: r.id, score: cosine(query, r.vector) })).sort((a, b) => b.score - a.score);
      const hits = await store.searchDense(query, 10);
      assert.deepEqual(ids(hits), expected.slice(0, 10).map((e) => e.id));
      hits.forEach((hit, index) => {
        assert.ok(hit.score >= -1 - 1e-6 && hit.score <= 1 + 1e-6, `score ${hit.score} out of range`);
        assert.ok(Math.abs(hit.score - (expected[index]?.score ?? NaN)) < 1e-4);
        if (index > 0) assert.ok(hit.score <= (hits[index - 1]?.score ?? Infinity) + 1e-9, 'scores must not increase');
      });
      assert.equal(hits[0]?.record.text, records.find((r) => r.id === hits[0]?.id)?.text);
    }));

    void it('filters by namespace, documentIds, unit and experts in every read', () => withStore(async (store) => {
      const records: VectorRecord[] = [];
      for (const namespace of ['alpha', 'beta']) for (const documentId of ['doc_1', 'doc_2', 'doc_3'])
        for (const unit of ['proposition', 'paragraph'] as const) for (const expert of [null, 'law', 'med'])
          records.push(record({ namespace, documentId, unit, expert }));
      await store.upsert(records);
      const filters: VectorFilter[] = [
        { namespace: 'beta' }, { documentIds: ['doc_1', 'doc_3'] }, { unit: 'paragraph' }, { experts: ['law'] },
        { namespace: 'alpha', documentIds: ['doc_2'], unit: 'proposition', experts: ['med', 'law'] }, { documentIds: [] },
      ];
      for (const filter of filters) {
        const expected = records.filter((r) => matches(r, filter)).map((r) => r.id).sort();
        const label = JSON.stringify(filter);
        assert.deepEqual(ids(await store.searchDense(randomVector(), 100, filter)).sort(), expected, `dense ${label}`);
        assert.deepEqual(ids(await store.searchText('common filler', 100, filter)).sort(), expected, `text ${label}`);
        assert.deepEqual((await store.listIds(filter)).sort(), expected, `listIds ${label}`);
        assert.equal(await store.count(filter), expected.length, `count ${label}`);
      }
    }));

    void it('searchText finds a rare word and ranks more matching terms higher', () => withStore(async (store) => {
      const rare = record({ text: 'brewing science is called zymurgy' });
      const both = record({ text: 'glacier erosion shapes valley floors' });
      const one = record({ text: 'glacier tourism grows each summer' });
      await store.upsert([record(), rare, one, both, record()]);
      assert.deepEqual(ids(await store.searchText('zymurgy', 5)), [rare.id]);
      const hits = await store.searchText('glacier erosion', 5);
      assert.deepEqual(ids(hits).slice(0, 2), [both.id, one.id]);
      assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0));
      assert.equal(hits[0]?.record.documentId, both.documentId);
      // The best match arrives after many weaker ones and k is small: ranking must precede the cut.
      const weak = Array.from({ length: 30 }, (_, i) => record({ text: `glacier ${'ice '.repeat(i % 5)}notes` }));
      const best = record({ text: 'glacier erosion erosion report' });
      await store.upsert([...weak, best]);
      assert.equal((await store.searchText('glacier erosion', 3))[0]?.id, best.id);
    }));

    void it('searchText matches word forms when the store stems', { skip: options.capabilities?.stemming !== true }, () =>
      withStore(async (store) => {
        const runs = record({ text: 'the river runs north' });
        await store.upsert([runs, record()]);
        assert.deepEqual(ids(await store.searchText('running', 5)), [runs.id]);
      }));

    void it('deleteByDocument removes only that document (and namespace) and returns the count', () => withStore(async (store) => {
      const keep = [record({ documentId: 'doc_keep' }), record({ documentId: 'doc_gone', namespace: 'other' })];
      const gone = [record({ documentId: 'doc_gone' }), record({ documentId: 'doc_gone' })];
      await store.upsert([...keep, ...gone]);
      assert.equal(await store.deleteByDocument('doc_gone', 'default'), 2);
      assert.deepEqual((await store.listIds()).sort(), ids(keep).sort());
      assert.equal(await store.deleteByDocument('doc_missing'), 0);
      assert.equal(await store.deleteByDocument('doc_gone'), 1);
      assert.deepEqual(await store.listIds(), [keep[0]?.id]);
    }));

    void it('listIds and fetch round-trip vectors and metadata', () => withStore(async (store) => {
      const records = [record({ expert: 'law', page: 3, start: 10, end: 42 }), record(), record({ unit: 'paragraph' })];
      await store.upsert(records);
      assert.deepEqual((await store.listIds()).sort(), ids(records).sort());
      const wanted = [records[2], records[0]].map((r) => r?.id ?? '');
      const fetched = await store.fetch([...wanted, 'prop_missing']);
      assert.deepEqual(ids(fetched), wanted);
      for (const got of fetched) {
        const original = records.find((r) => r.id === got.id) as VectorRecord;
        const { vector, ...meta } = got;
        const { vector: originalVector, ...originalMeta } = original;
        assert.deepEqual({ ...meta, expert: meta.expert ?? null }, { ...originalMeta, expert: originalMeta.expert ?? null });
        assert.equal(vector.length, dims);
        Array.from(vector).forEach((value, index) => assert.ok(Math.abs(value - (originalVector[index] ?? NaN)) < 1e-6));
      }
    }));

    void it('keeps quotes, unicode and injection attempts inside string literals', () => withStore(async (store) => {
      const odd = record({ namespace: "o'brien ☃", documentId: 'doc "q\' \\ é', text: 'naïve café "quoted" it\'s fine' });
      await store.upsert([odd, record()]);
      assert.deepEqual(ids(await store.searchDense(randomVector(), 10, { namespace: odd.namespace })), [odd.id]);
      assert.deepEqual(await store.listIds({ documentIds: [odd.documentId] }), [odd.id]);
      assert.deepEqual(ids(await store.searchText("it's \"quoted\"", 10, { namespace: odd.namespace })), [odd.id]);
      const injection = "x' OR '1'='1";
      assert.deepEqual(await store.searchDense(randomVector(), 10, { namespace: injection }), []);
      assert.deepEqual(await store.searchText('common', 10, { documentIds: [injection] }), []);
      assert.deepEqual(await store.listIds({ experts: [injection] }), []);
      assert.equal(await store.deleteByDocument(injection), 0);
      assert.equal(await store.deleteByDocument('doc_a', injection), 0);
      assert.equal(await store.count(), 2);
    }));

    void it('upserts a 1,000-record batch', () => withStore(async (store) => {
      const records = Array.from({ length: 1000 }, () => record());
      await store.upsert(records);
      assert.equal(await store.count(), 1000);
      const probe = records[500] as VectorRecord;
      const [top] = await store.searchDense(Float32Array.from(probe.vector), 1);
      assert.equal(top?.id, probe.id);
      assert.ok(Math.abs((top?.score ?? 0) - 1) < 1e-5);
      assert.equal((await store.listIds()).length, 1000);
    }));
  });
}

function ids(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id);
}

function matches(record: VectorRecord, filter: VectorFilter): boolean {
  return (filter.namespace === undefined || record.namespace === filter.namespace)
    && (filter.documentIds === undefined || filter.documentIds.includes(record.documentId))
    && (filter.unit === undefined || record.unit === filter.unit)
    && (filter.experts === undefined || (record.expert != null && filter.experts.includes(record.expert)));
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, normA = 0, normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    dot += x * y; normA += x * x; normB += y * y;
  }
  return dot / Math.sqrt(normA * normB);
}

/** Small seeded PRNG so fixtures are reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
