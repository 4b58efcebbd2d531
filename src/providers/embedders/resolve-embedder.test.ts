/**
 * EMBEDDER=auto (issue 12 item 7) through the real download code against a local server speaking the hub's
 * file URLs: first use downloads and checksums the tiny BERT fixture with progress, later uses load it from the
 * cache; a corrupted file or an unreachable hub gives BM25-only retrieval with a notice, and leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configSchema } from '../../core/config/index.ts';
import { TINY_BERT_DIR, TINY_BERT_HIDDEN_SIZE } from '../../testing/make-tiny-model.ts';
import { startModelHubServer, type ModelHubServer } from '../../testing/model-hub-server.ts';
import { tempDirsRemovedAfter } from '../../testing/temp-dirs.ts';
import { UNREACHABLE_HUB_URL } from '../../testing/unreachable-hub.ts';
import type { EmbedderConfig } from './create-embedder.ts';
import { failedDownloadFile, resolveEmbedder } from './resolve-embedder.ts';
import type { ModelDownloadProgress } from './transformers/fetch-model.ts';
import { cachedModelDir } from './transformers/model-files.ts';

const MODEL = 'propo/tiny-bert';
const auto = (input: Record<string, unknown>): EmbedderConfig => configSchema.parse({ embedder: { model: MODEL, ...input } }).embedder;
const makeDir = tempDirsRemovedAfter('propo-auto-embedder-');

void describe('resolveEmbedder (EMBEDDER=auto)', () => {
  let hub: ModelHubServer;
  before(async () => { hub = await startModelHubServer({ models: { [MODEL]: TINY_BERT_DIR } }); });
  after(async () => { await hub.close(); });

  void it('downloads the model on first use with progress and checksums, then loads it from the cache', async () => {
    const dataDir = await makeDir();
    const progress: ModelDownloadProgress[] = [];
    const first = await resolveEmbedder(auto({ hubUrl: hub.url }), { dataDir, onProgress: (p) => progress.push(p) });
    assert.equal(first.dense, 'semantic');
    assert.equal(first.embedder.name, `transformers:${MODEL}:q8`);
    assert.equal(first.notice, undefined);
    assert.match(first.source, /downloaded/);
    // Every file reported, each up to its full size; the ONNX file came through the LFS redirect.
    const finished = progress.filter((p) => p.total !== null && p.received === p.total).map((p) => p.file);
    assert.deepEqual([...new Set(finished)], ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']);
    assert.ok(hub.requests.some((r) => r.startsWith('GET /cdn/')), 'LFS file fetched from the content URL');
    const [vector] = await first.embedder.embed(['the cat sat on the mat']);
    assert.equal(vector?.length, TINY_BERT_HIDDEN_SIZE);
    await first.embedder.close?.();

    const requestsBefore = hub.requests.length;
    const second = await resolveEmbedder(auto({ hubUrl: hub.url }), { dataDir });
    assert.equal(second.dense, 'semantic');
    assert.match(second.source, /cached/);
    assert.equal(hub.requests.length, requestsBefore, 'nothing fetched again');
    await second.embedder.close?.();
  });

  void it('refuses a file whose bytes do not match the published checksum: BM25-only, nothing cached', async () => {
    const corrupt = await startModelHubServer({ models: { [MODEL]: TINY_BERT_DIR }, corrupt: ['onnx/model_quantized.onnx'] });
    try {
      const dataDir = await makeDir();
      const resolved = await resolveEmbedder(auto({ hubUrl: corrupt.url }), { dataDir });
      assert.equal(resolved.dense, 'none');
      assert.equal(resolved.embedder.name, 'bm25-only');
      assert.match(resolved.notice ?? '', /checksum mismatch/);
      const onnxDir = path.join(cachedModelDir(path.join(dataDir, 'models'), MODEL), 'onnx');
      assert.deepEqual(existsSync(onnxDir) ? readdirSync(onnxDir) : [], [], 'no unverified or partial file left');
    } finally {
      await corrupt.close();
    }
  });

  void it('falls back to BM25-only with a notice when the hub is unreachable', async () => {
    const resolved = await resolveEmbedder(auto({ hubUrl: UNREACHABLE_HUB_URL }), { dataDir: await makeDir() });
    assert.equal(resolved.dense, 'none');
    assert.equal(resolved.embedder.placeholderVectors, true);
    assert.match(resolved.notice ?? '', /BM25-only/);
    assert.match(resolved.notice ?? '', /EMBED_MODEL_PATH/);
  });

  void it('uses EMBED_MODEL_PATH without any request', async () => {
    const before = hub.requests.length;
    const resolved = await resolveEmbedder(auto({ hubUrl: hub.url, modelPath: TINY_BERT_DIR }), { dataDir: await makeDir() });
    assert.equal(resolved.dense, 'semantic');
    assert.equal(resolved.embedder.dimensions, TINY_BERT_HIDDEN_SIZE);
    assert.equal(hub.requests.length, before);
  });

  void it('builds explicit providers as configured (EMBEDDER=hash stays available)', async () => {
    const resolved = await resolveEmbedder(auto({ provider: 'hash', hubUrl: UNREACHABLE_HUB_URL }), { dataDir: await makeDir() });
    assert.equal(resolved.dense, 'lexical');
    assert.match(resolved.embedder.name, /^hash-v1/);
  });
});

void describe('resolveEmbedder: a failed download is remembered (issue 17, decision 0131)', () => {
  void it('skips a new attempt within skipFailedDownloadForMs, tries again without it, and forgets the failure on success', async () => {
    const dataDir = await makeDir();
    const failed = await resolveEmbedder(auto({ hubUrl: UNREACHABLE_HUB_URL }), { dataDir });
    assert.equal(failed.dense, 'none');
    const recorded = JSON.parse(readFileSync(failedDownloadFile(dataDir), 'utf8')) as { model: string; hubUrl: string };
    assert.deepEqual([recorded.model, recorded.hubUrl], [MODEL, UNREACHABLE_HUB_URL]);

    const hub = await startModelHubServer({ models: { [MODEL]: TINY_BERT_DIR } });
    try {
      // Another hub is not the one that failed: tried (and downloaded).
      const other = await resolveEmbedder(auto({ hubUrl: hub.url }), { dataDir: await makeDir(), skipFailedDownloadForMs: 60_000 });
      assert.equal(other.dense, 'semantic');
      await other.embedder.close?.();
      // Same model and hub, within the window: BM25-only at once, with the recorded reason.
      const skipped = await resolveEmbedder(auto({ hubUrl: UNREACHABLE_HUB_URL }), { dataDir, skipFailedDownloadForMs: 60_000 });
      assert.equal(skipped.dense, 'none');
      assert.match(skipped.notice ?? '', /not retried by this command/);
      // The record names the hub: the reachable one is tried again, and its success removes the record.
      const requests = hub.requests.length;
      const retried = await resolveEmbedder(auto({ hubUrl: hub.url }), { dataDir, skipFailedDownloadForMs: 60_000 });
      assert.ok(hub.requests.length > requests, 'a different hub URL is tried');
      assert.equal(retried.dense, 'semantic');
      await retried.embedder.close?.();
      assert.equal(existsSync(failedDownloadFile(dataDir)), false, 'the success removed the record');
    } finally {
      await hub.close();
    }
  });
});
