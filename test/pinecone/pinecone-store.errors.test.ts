/** The Pinecone adapter against failures: bad key, missing index, width mismatch, 429, 5xx, lag, limits. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { VectorRecord } from '../../src/core/domain/index.ts';
import { checkPinecone, createPineconeStore, type PineconeStoreOptions } from '../../src/providers/stores/pinecone/index.ts';
import { startPineconeLocalServer, type PineconeLocalServer } from '../../src/testing/pinecone-local-server.ts';

const identity = { embedder: 'test-embedder', dimensions: 4 };
let server: PineconeLocalServer;
let serial = 0;

before(async () => { server = await startPineconeLocalServer(); });
after(() => server.close());

function options(extra: Partial<PineconeStoreOptions> = {}): PineconeStoreOptions {
  serial += 1;
  return { apiKey: server.apiKey, index: `errors-${serial}`, controllerHost: server.controllerHostUrl, retryBaseMs: 5, retryMaxMs: 50, pollMs: 10, ...extra };
}

function record(id: string, overrides: Partial<VectorRecord> = {}): VectorRecord {
  return { id, documentId: 'doc_1', namespace: 'default', text: `text of ${id}`, vector: [1, 0.5, 0.25, 0.125], unit: 'proposition', page: 1, start: 0, end: 5, paragraphId: 'par_1', file: 'a.txt', expert: null, ...overrides };
}

async function control(method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${server.controllerHostUrl}${path}`, {
    method, headers: { 'Api-Key': server.apiKey, 'content-type': 'application/json', 'X-Pinecone-Api-Version': '2026-04' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  return response.status;
}

const createIndex = (name: string, dimension: number, metric = 'dotproduct', tags?: Record<string, string>) =>
  control('POST', '/indexes', { name, dimension, metric, spec: { serverless: { cloud: 'aws', region: 'us-east-1' } }, ...(tags ? { tags } : {}) });

void describe('Pinecone adapter errors', () => {
  void it('a refused key is PROPO_ERR_PINECONE, not retryable, naming PINECONE_API_KEY', async () => {
    const store = createPineconeStore(options({ apiKey: 'wrong-key' }));
    await assert.rejects(store.open(identity), (error: Error & { code?: string; isRetryable?: boolean }) => {
      assert.equal(error.code, 'PROPO_ERR_PINECONE');
      assert.equal(error.isRetryable, false);
      assert.match(error.message, /PINECONE_API_KEY/);
      return true;
    });
    assert.throws(() => createPineconeStore(options({ apiKey: ' ' })), { code: 'PROPO_ERR_CONFIG_INVALID' });
  });

  void it('an index deleted under an open store is a 404 PROPO_ERR_PINECONE that names PINECONE_INDEX', async () => {
    const settings = options();
    const store = createPineconeStore(settings);
    await store.open(identity);
    assert.equal(await control('DELETE', `/indexes/${settings.index}`), 202);
    await assert.rejects(store.upsert([record('p1')]), (error: Error & { code?: string }) => error.code === 'PROPO_ERR_PINECONE' && /not found/.test(error.message) && /PINECONE_INDEX/.test(error.message));
    assert.equal((await checkPinecone(store)).status, 'unhealthy');
  });

  void it('a width mismatch reported by Pinecone is PROPO_ERR_EMBEDDER_MISMATCH', async () => {
    const settings = options();
    const store = createPineconeStore(settings);
    await store.open(identity);
    await control('DELETE', `/indexes/${settings.index}`);
    await createIndex(settings.index, 16);
    await assert.rejects(store.upsert([record('p1')]), { code: 'PROPO_ERR_EMBEDDER_MISMATCH' });
  });

  void it('refuses an existing index with another metric, or with vectors and no recorded embedder', async () => {
    const cosine = options();
    await createIndex(cosine.index, 4, 'cosine');
    await assert.rejects(createPineconeStore(cosine).open(identity), (error: Error & { code?: string }) => error.code === 'PROPO_ERR_PINECONE' && /dotproduct/.test(error.message));
    const untagged = options();
    await createIndex(untagged.index, 4);
    const first = createPineconeStore(untagged);
    await first.open(identity); // empty and untagged: adopted and tagged
    await first.upsert([record('p1')]);
    await control('PATCH', `/indexes/${untagged.index}`, { tags: { propo_embedder: '' } });
    await assert.rejects(createPineconeStore(untagged).open(identity), { code: 'PROPO_ERR_EMBEDDER_MISMATCH' });
  });

  void it('waits for a new index to become ready', async () => {
    const slow = await startPineconeLocalServer({ readyAfterMs: 150 });
    try {
      const store = createPineconeStore({ ...options(), controllerHost: slow.controllerHostUrl, apiKey: slow.apiKey });
      const started = Date.now();
      await store.open(identity);
      assert.ok(Date.now() - started >= 140);
      assert.equal((await checkPinecone(store)).status, 'healthy');
      assert.match((await checkPinecone(store)).detail, /Ready/);
    } finally {
      await slow.close();
    }
  });

  void it('retries 429 after Retry-After and 5xx with backoff, then gives up with a retryable error', async () => {
    const store = createPineconeStore(options({ maxRetries: 2 }));
    await store.open(identity);
    server.injectFault({ path: '/vectors/upsert', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await store.upsert([record('p1')]);
    assert.ok(Date.now() - started >= 950, 'Retry-After was honoured');
    server.injectFault({ path: '/query', status: 500, times: 2 });
    assert.equal((await store.searchDense(new Float32Array([1, 0.5, 0.25, 0.125]), 1))[0]?.id, 'p1');
    server.injectFault({ path: '/query', status: 503, times: 3 });
    await assert.rejects(store.searchDense(new Float32Array([1, 0, 0, 0]), 1), (error: Error & { code?: string; isRetryable?: boolean }) => error.code === 'PROPO_ERR_PINECONE' && error.isRetryable === true);
    server.injectFault({ path: '/vectors/list', status: 429, times: 3 });
    await assert.rejects(store.listIds(), (error: Error & { code?: string }) => error.code === 'PROPO_ERR_PINECONE' && /rate limited/.test(error.message));
    server.clearFaults();
  });

  void it('waits out eventual consistency when writeVisibility is set', async () => {
    server.setWriteLag(120);
    try {
      const lagging = createPineconeStore(options());
      await lagging.open(identity);
      await lagging.upsert([record('p1'), record('p2')]);
      assert.equal(await lagging.count(), 0, 'without waiting, reads lag writes');
      const waiting = createPineconeStore(options({ writeVisibility: { timeoutMs: 2000, pollMs: 20 } }));
      await waiting.open(identity);
      await waiting.upsert([record('p1'), record('p2')]);
      assert.equal(await waiting.count(), 2);
      assert.equal(await waiting.deleteByDocument('doc_1'), 2);
      assert.equal(await waiting.count(), 0);
    } finally {
      server.setWriteLag(0);
    }
  });

  void it('batches upserts by 100 vectors and 2 MB, and truncates text to fit the 40 KB metadata limit', async () => {
    const settings = options();
    const store = createPineconeStore(settings);
    await store.open(identity);
    const before = server.requests.filter((r) => r.path.endsWith('/vectors/upsert')).length;
    await store.upsert(Array.from({ length: 250 }, (_, i) => record(`small_${i}`)));
    const afterSmall = server.requests.filter((r) => r.path.endsWith('/vectors/upsert')).length;
    assert.equal(afterSmall - before, 3);
    const big = 'ü'.repeat(15_000); // 30 KB of UTF-8 each: 100 of them would exceed 2 MB
    await store.upsert(Array.from({ length: 100 }, (_, i) => record(`big_${i}`, { text: `${big} word${i}` })));
    assert.ok(server.requests.filter((r) => r.path.endsWith('/vectors/upsert')).length - afterSmall >= 2);
    const huge = `${'x'.repeat(100_000)} tail`;
    await store.upsert([record('huge', { text: huge })]);
    const [fetched] = await store.fetch(['huge']);
    assert.ok(fetched !== undefined && fetched.text.length < huge.length && huge.startsWith(fetched.text));
    assert.equal(await store.count(), 351);
    assert.ok(server.requests.every((r) => r.apiVersion === '2026-04'), 'every request carries X-Pinecone-Api-Version');
  });

  void it('searchHybrid: alpha 1 is dense ranking, alpha 0 is BM25 ranking', async () => {
    const store = createPineconeStore(options());
    await store.open(identity);
    await store.upsert([
      record('near', { text: 'unrelated words here', vector: [1, 0, 0, 0] }),
      record('lexical', { text: 'glacier erosion report', vector: [0, 1, 0, 0] }),
      record('other', { text: 'glacier tourism', vector: [0, 0, 1, 0] }),
    ]);
    const query = new Float32Array([1, 0.1, 0, 0]);
    assert.equal((await store.searchHybrid(query, 'glacier erosion', 3, { alpha: 1 }))[0]?.id, 'near');
    const sparseOnly = await store.searchHybrid(query, 'glacier erosion', 3, { alpha: 0 });
    assert.deepEqual(sparseOnly.slice(0, 2).map((hit) => hit.id), (await store.searchText('glacier erosion', 2)).map((hit) => hit.id));
    assert.equal(sparseOnly[0]?.id, 'lexical');
  });
});
