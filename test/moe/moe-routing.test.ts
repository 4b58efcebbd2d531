/**
 * MoE on real components (SQLite + LanceDB in a temp dir, hash embedder): the router clusters two
 * clearly different topics, stores experts in both stores, restricts retrieval to the routed expert,
 * updates incrementally, and a corrupt router state falls back to the baseline ranking.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp, type PropoApp } from '../../src/app/compose.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { createMoePipeline, ROUTER_META_KEY, type MoePipeline } from '../../src/core/moe/index.ts';

// Each topic repeats its own vocabulary, so even a lexical (hash) embedder separates them.
const CODE = [
  'The function parseConfig returns the const config object; the function body calls JSON.parse and returns the value.',
  'A const variable holds the function result; return the const value from the function call.',
  'The arrow function => returns the const sum; the callback function returns a value to the caller.',
  'Declare the const counter, call the function in a loop, and return the counter value from the function.',
  'The map function returns a new array; each callback function call returns one const value.',
  'The class method is a function that returns this value; a const reference to the function is exported.',
];
const COOKING = [
  'Knead the bread dough on a floured table until the dough is smooth; bread dough needs time.',
  'The main function of the oven is to bake bread evenly on every side of the loaf.',
  'Let the bread dough rise in a warm kitchen until the dough doubles before baking the loaf.',
  'Grandmother sprinkled flour on the table before baking bread and shaping the dough into a loaf.',
  'Slice the warm bread loaf after baking and serve the bread with butter and honey.',
  'A pinch of salt in the dough makes the crust of homemade bread and every baked loaf taste better.',
];

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\n\n'));

void describe('MoE router on a real app', () => {
  let dir: string;
  let app: PropoApp;
  let moe: MoePipeline;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'propo-moe-'));
    const { config } = loadConfig({
      // The expert router clusters embeddings: it needs real vectors (the hash embedder), not BM25-only placeholders.
      env: { EMBEDDER: 'hash' }, dotenvPath: false,
      overrides: { dataDir: dir, logDir: join(dir, 'logs'), 'moe.enabled': true, 'moe.router.enabled': true, 'moe.router.experts': ['general', 'code'], 'moe.router.top_k_experts': 1, 'moe.router.similarity_threshold': 0.05, 'moe.gate.enabled': false, 'moe.reranker.enabled': false },
    });
    // The app itself runs without MoE so that this test's pipeline is the only router.
    app = await createApp({ ...config, moe: { ...config.moe, enabled: false } });
    moe = createMoePipeline({ config, baseRetrieve: app.retrieve, vectors: app.vectors, storage: app.documents, embedder: app.embedder, llm: null, metrics: app.metrics });
    assert.equal((await app.ingest({ fileName: 'code.md', bytes: bytes(CODE.slice(0, 5)) })).status, 'ingested');
    assert.equal((await app.ingest({ fileName: 'baking.txt', bytes: bytes(COOKING) })).status, 'ingested');
  });
  after(async () => { await moe.close(); await app.close(); rmSync(dir, { recursive: true, force: true }); });

  void it('clusters the corpus and labels the code cluster "code" in both stores', async () => {
    const update = await moe.router?.update();
    assert.equal(update?.mode, 'full');
    const state = moe.router?.state();
    assert.deepEqual([...(state?.labels ?? [])].sort(), ['code', 'general']);
    const docs = app.documents.list();
    const codeDoc = docs.find((d) => d.file === 'code.md');
    const bakingDoc = docs.find((d) => d.file === 'baking.txt');
    const codeExperts = app.documents.propositions(codeDoc?.id ?? '').map((p) => p.expert);
    const bakingExperts = app.documents.propositions(bakingDoc?.id ?? '').map((p) => p.expert);
    assert.ok(codeExperts.length >= 5 && codeExperts.every((e) => e === 'code'), JSON.stringify(codeExperts));
    assert.ok(bakingExperts.every((e) => e === 'general'), JSON.stringify(bakingExperts));
    const ids = app.documents.propositions(codeDoc?.id ?? '').map((p) => p.id);
    assert.ok((await app.vectors.fetch(ids)).every((r) => r.expert === 'code'));
  });

  void it('restricts retrieval to the routed expert', async () => {
    const query = 'function returns const value';
    const baseline = await app.retrieve(query, { k: 20 });
    const ovenId = baseline.hits.find((h) => h.record.text.includes('function of the oven'))?.id;
    assert.ok(ovenId, 'the baking sentence with "function" is reachable without routing');

    const routed = await moe.retrieve(query, { k: 20 });
    assert.deepEqual(routed.metadata.routing?.experts, ['code']);
    assert.equal(routed.metadata.routing?.fallback, false);
    assert.ok(routed.hits.length > 0);
    assert.ok(routed.hits.every((h) => h.record.expert === 'code'));
    assert.equal(routed.hits.some((h) => h.id === ovenId), false);
    const selections = await app.metrics.moeExpertSelectionsTotal.get();
    assert.equal(selections.values.find((v) => v.labels.expert === 'code')?.value, 1);
  });

  void it('assigns a new document incrementally to the nearest centroid', async () => {
    assert.equal((await app.ingest({ fileName: 'more-code.md', bytes: bytes(CODE.slice(5)) })).status, 'ingested');
    const before = moe.router?.state()?.sizes.reduce((a, b) => a + b, 0) ?? 0;
    const update = await moe.router?.update();
    assert.equal(update?.mode, 'incremental');
    assert.ok((update?.assigned ?? 0) >= 1);
    const doc = app.documents.list().find((d) => d.file === 'more-code.md');
    assert.ok(app.documents.propositions(doc?.id ?? '').every((p) => p.expert === 'code'));
    assert.equal(moe.router?.state()?.sizes.reduce((a, b) => a + b, 0), before + (update?.assigned ?? 0));
  });

  void it('falls back to the baseline ranking when the stored centroids are corrupt', async () => {
    const good = app.documents.getMeta(ROUTER_META_KEY) as string;
    const corrupt = JSON.parse(good) as { centroids: number[][] };
    corrupt.centroids = corrupt.centroids.map((c) => c.slice(0, 3));
    app.documents.setMeta(ROUTER_META_KEY, JSON.stringify(corrupt));
    try {
      const query = 'function returns const value';
      const baseline = await app.retrieve(query, { k: 10 });
      const result = await moe.retrieve(query, { k: 10 });
      assert.deepEqual(result.metadata.fallbacks, ['router']);
      assert.deepEqual(result.hits.map((h) => h.id), baseline.hits.map((h) => h.id));
      assert.ok(result.hits.some((h) => h.record.text.includes('function of the oven')));
    } finally {
      app.documents.setMeta(ROUTER_META_KEY, good);
    }
  });
});
