/** Pinecone vectors backup → wipe → restore through the local server (the hook `bin/propo backup` calls). */
import { assertSameRecords } from '../../src/testing/assert-records.ts';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { VectorRecord } from '../../src/core/domain/index.ts';
import { createPineconeStore, exportPineconeVectors, restorePineconeVectors } from '../../src/providers/stores/pinecone/index.ts';
import { startPineconeLocalServer, type PineconeLocalServer } from '../../src/testing/pinecone-local-server.ts';

const identity = { embedder: 'backup-embedder', dimensions: 6 };
let server: PineconeLocalServer;
let dir: string;

before(async () => {
  server = await startPineconeLocalServer();
  dir = await mkdtemp(join(tmpdir(), 'propo-pinecone-backup-'));
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const records: VectorRecord[] = Array.from({ length: 150 }, (_, i) => ({
  id: `p${i}`, documentId: `doc_${i % 4}`, namespace: i < 100 ? 'default' : 'archive', text: `note ${i} on ${i % 2 === 0 ? 'moraines' : 'cirques'}`,
  vector: Float32Array.from({ length: 6 }, (_, d) => Math.cos(i + d * 3)), unit: i % 3 === 0 ? 'paragraph' : 'proposition',
  page: 1, start: i, end: i + 9, paragraphId: `par_${i}`, file: 'notes.md', expert: i % 7 === 0 ? 'geo' : null,
}));

void describe('exportPineconeVectors / restorePineconeVectors', () => {
  void it('backs up, survives a wiped index, and restores every record with values and metadata', async () => {
    const settings = { apiKey: server.apiKey, index: 'backed-up', controllerHost: server.controllerHostUrl, retryBaseMs: 5, pollMs: 10 };
    const store = createPineconeStore(settings);
    await store.open(identity);
    await store.upsert(records);
    const file = join(dir, 'pinecone-vectors.jsonl');
    const writer = createWriteStream(file);
    assert.deepEqual(await exportPineconeVectors(store, writer), { vectors: 150 });
    writer.end();
    await finished(writer);
    await store.close();

    const wiped = await fetch(`${server.controllerHostUrl}/indexes/backed-up`, { method: 'DELETE', headers: { 'Api-Key': server.apiKey } });
    assert.equal(wiped.status, 202);
    const fresh = createPineconeStore(settings);
    await fresh.open(identity); // recreates the index
    assert.equal(await fresh.count(), 0);
    assert.deepEqual(await restorePineconeVectors(fresh, createReadStream(file)), { vectors: 150 });
    assert.equal(await fresh.count(), 150);
    assert.equal(await fresh.count({ namespace: 'archive' }), 50);
    const back = await fresh.fetch(records.map((r) => r.id));
    assertSameRecords(back, records, 1e-6);
    assert.equal((await fresh.searchText('moraines', 200)).length, 75, 'sparse vectors are rebuilt on restore');

    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    await writeFile(join(dir, 'truncated.jsonl'), `${lines.slice(0, 40).join('\n')}\n`);
    await assert.rejects(restorePineconeVectors(fresh, createReadStream(join(dir, 'truncated.jsonl'))), { code: 'PROPO_ERR_BACKUP' });
    await writeFile(join(dir, 'other.jsonl'), '{"type":"header","format":"propo-export/1"}\n');
    await assert.rejects(restorePineconeVectors(fresh, createReadStream(join(dir, 'other.jsonl'))), { code: 'PROPO_ERR_BACKUP' });
  });
});
