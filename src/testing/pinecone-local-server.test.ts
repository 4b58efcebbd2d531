import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchesFilter, startPineconeLocalServer, type PineconeLocalServer } from './pinecone-local-server.ts';

let server: PineconeLocalServer;
before(async () => { server = await startPineconeLocalServer({ apiKey: 'k' }); });
after(() => server.close());

async function call(method: string, path: string, body?: unknown, key = 'k'): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${server.controllerHostUrl}${path}`, {
    method, headers: { 'Api-Key': key, 'content-type': 'application/json', 'X-Pinecone-Api-Version': '2026-04' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text) as Record<string, unknown>, headers: response.headers };
}

void describe('pinecone local server', () => {
  void it('evaluates metadata filters like Pinecone', () => {
    const metadata = { genre: 'drama', year: 2020, tags: ['a', 'b'] };
    assert.equal(matchesFilter(metadata, { genre: 'drama' }), true);
    assert.equal(matchesFilter(metadata, { genre: { $ne: 'drama' } }), false);
    assert.equal(matchesFilter(metadata, { year: { $gte: 2020, $lt: 2021 } }), true);
    assert.equal(matchesFilter(metadata, { tags: { $in: ['b', 'z'] } }), true);
    assert.equal(matchesFilter(metadata, { tags: { $nin: ['a'] } }), false);
    assert.equal(matchesFilter(metadata, { $or: [{ genre: 'comedy' }, { year: { $gt: 2019 } }] }), true);
    assert.equal(matchesFilter(metadata, { $and: [{ genre: 'drama' }, { missing: { $exists: true } }] }), false);
    assert.throws(() => matchesFilter(metadata, { genre: { $regex: 'd' } }), /Invalid filter operator/);
  });

  void it('answers the control plane, auth errors and data plane in the published shapes', async () => {
    const unauthorized = await call('GET', '/indexes', undefined, 'bad');
    assert.equal(unauthorized.status, 401);
    assert.deepEqual(unauthorized.body, { error: { code: 'UNAUTHENTICATED', message: 'Invalid API Key' }, status: 401 });
    const created = await call('POST', '/indexes', { name: 'euclid', dimension: 2, metric: 'euclidean', spec: { serverless: { cloud: 'aws', region: 'us-east-1' } } });
    assert.equal(created.status, 201);
    assert.equal((await call('POST', '/indexes', { name: 'euclid', dimension: 2, metric: 'euclidean', spec: { serverless: { cloud: 'aws', region: 'us-east-1' } } })).status, 409);
    assert.equal((await call('GET', '/indexes/nope')).status, 404);
    const host = String(created.body['host']).slice(server.controllerHostUrl.length);
    await call('POST', `${host}/vectors/upsert`, { vectors: [{ id: 'a', values: [0, 0] }, { id: 'b', values: [3, 4] }, { id: 'c', values: [1, 1] }], namespace: 'n' });
    const query = await call('POST', `${host}/query`, { vector: [0, 0], topK: 2, namespace: 'n' });
    assert.deepEqual((query.body['matches'] as Array<{ id: string; score: number }>).map((m) => [m.id, m.score]), [['a', 0], ['c', 2]]);
    const bad = await call('POST', `${host}/vectors/upsert`, { vectors: [{ id: 'x', values: [1, 2, 3] }] });
    assert.equal(bad.status, 400);
    assert.match(String(bad.body['message']), /dimension 3 does not match/);
    assert.equal((await call('POST', `${host}/query`, { vector: [1, 1], sparseVector: { indices: [1], values: [1] }, topK: 1, namespace: 'n' })).status, 400);
    const page1 = await call('GET', `${host}/vectors/list?namespace=n&limit=2`);
    assert.deepEqual(page1.body['vectors'], [{ id: 'a' }, { id: 'b' }]);
    const next = (page1.body['pagination'] as { next: string }).next;
    const page2 = await call('GET', `${host}/vectors/list?namespace=n&limit=2&paginationToken=${next}`);
    assert.deepEqual([page2.body['vectors'], page2.body['pagination']], [[{ id: 'c' }], undefined]);
    const stats = await call('POST', `${host}/describe_index_stats`, {});
    assert.deepEqual([stats.body['namespaces'], stats.body['totalVectorCount']], [{ n: { vectorCount: 3 } }, 3]);
    await call('POST', `${host}/vectors/delete`, { deleteAll: true, namespace: 'n' });
    assert.deepEqual((await call('POST', `${host}/describe_index_stats`, {})).body['namespaces'], {});
  });

  void it('injects 429 with Retry-After, skipping the first matching requests', async () => {
    server.injectFault({ path: '/indexes', status: 429, retryAfterSeconds: 2, skip: 1 });
    assert.equal((await call('GET', '/indexes')).status, 200);
    const limited = await call('GET', '/indexes');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal((limited.body['error'] as { code: string }).code, 'RESOURCE_EXHAUSTED');
    assert.equal((await call('GET', '/indexes')).status, 200);
  });
});
