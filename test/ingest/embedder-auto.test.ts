/**
 * Issue 12 item 7: the default EMBEDDER=auto end to end. Without a model (hub unreachable) the app ingests and
 * answers BM25-only, never runs a dense search, and says so in /health?detailed=true, /api/retrieval and the
 * config API. Once the model can be fetched (a local server speaking the hub's file URLs), the BM25-only index
 * stays BM25-only with a pointer to `bin/propo reindex`; reindex downloads the model and computes the vectors,
 * and the next start searches hybrid (dense + BM25, RRF).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../src/app/compose.ts';
import { createVectorStore } from '../../src/app/create-vector-store.ts';
import { buildServer } from '../../src/app/http/index.ts';
import { reindex, ACTIVE_TABLE_KEY } from '../../src/app/reindex.ts';
import type { PropoConfig } from '../../src/core/config/index.ts';
import type { VectorStore } from '../../src/core/ports/index.ts';
import { TINY_BERT_DIR } from '../../src/testing/make-tiny-model.ts';
import { startModelHubServer } from '../../src/testing/model-hub-server.ts';
import { testConfig } from '../../src/testing/temp-app.ts';
import { DocumentRepository, openDatabase } from '../../src/providers/stores/sqlite/index.ts';

const MODEL = 'propo/tiny-bert';
const TEXT = 'The cat sat on the mat.\n\nQuarterly revenue grew in the third quarter.';

/** The configured store, counting dense searches. */
function countingStore(config: PropoConfig): { store: VectorStore; dense: () => number } {
  const db = openDatabase(resolve(config.dataDir, 'propo.sqlite'));
  const table = new DocumentRepository(db).getMeta(ACTIVE_TABLE_KEY) ?? undefined;
  db.close();
  const store = createVectorStore(config, table);
  let dense = 0;
  const searchDense = store.searchDense.bind(store);
  store.searchDense = (...args) => { dense += 1; return searchDense(...args); };
  return { store, dense: () => dense };
}

void test('auto without a model: BM25-only retrieval, no dense search, a notice in health and the API', async () => {
  const config = testConfig({ EMBED_MODEL: MODEL });
  const { store, dense } = countingStore(config);
  const app = await createApp(config, { vectors: store });
  const server = await buildServer(app);
  try {
    assert.equal(app.embedder.name, 'bm25-only');
    assert.equal((await app.ingest({ fileName: 'notes.txt', bytes: new TextEncoder().encode(TEXT) })).status, 'ingested');
    const answer = await app.ask('How did quarterly revenue change?');
    assert.equal(answer.mode, 'extractive');
    assert.match(answer.answer, /revenue grew/);
    assert.equal(dense(), 0, 'no dense scan in BM25-only mode');

    const health = (await server.inject('/health?detailed=true')).json<{ status: string; retrieval: { mode: string; notice?: string }; checks: Record<string, { status: string }> }>();
    assert.equal(health.retrieval.mode, 'bm25');
    assert.match(health.retrieval.notice ?? '', /Semantic search is off.*BM25-only/s);
    assert.equal(health.checks.embedder?.status, 'healthy', 'BM25-only is a working configuration, not a failure');
    const status = (await server.inject('/api/retrieval')).json<{ mode: string; notice?: string }>();
    assert.equal(status.mode, 'bm25');
    assert.equal(status.notice, health.retrieval.notice);
    const providers = (await server.inject('/api/config')).json<{ providers: { embedder: { notice?: string } } }>();
    assert.equal(providers.providers.embedder.notice, health.retrieval.notice);
  } finally {
    await server.close();
    await app.close();
  }

  // The model becomes available: the BM25-only index is kept (with a pointer to reindex) until reindexed.
  const hub = await startModelHubServer({ models: { [MODEL]: TINY_BERT_DIR } });
  try {
    const online = testConfig({ EMBED_MODEL: MODEL, EMBED_HUB_URL: hub.url }, { dataDir: config.dataDir, logDir: config.logDir });
    const waiting = await createApp(online);
    try {
      assert.equal(waiting.embedder.name, 'bm25-only');
      assert.match(waiting.embedderStatus.notice ?? '', /bin\/propo reindex/);
    } finally {
      await waiting.close();
    }
    const report = await reindex(online);
    assert.equal(report.embedder, `transformers:${MODEL}:q8`);
    assert.equal(report.records, 4, '2 propositions + 2 paragraphs');

    const counted = countingStore(online);
    const semantic = await createApp(online, { vectors: counted.store });
    try {
      assert.equal(semantic.embedder.name, `transformers:${MODEL}:q8`);
      assert.equal(semantic.embedderStatus.dense, 'semantic');
      assert.equal(semantic.embedderStatus.notice, undefined);
      const result = await semantic.retrieve('quarterly revenue grew');
      assert.ok(counted.dense() > 0, 'hybrid retrieval runs the dense search');
      assert.ok(result.hits.some((hit) => /revenue grew/.test(hit.record.text)));
    } finally {
      await semantic.close();
    }
  } finally {
    await hub.close();
    rmSync(resolve(config.dataDir, '..'), { recursive: true, force: true });
  }
});
