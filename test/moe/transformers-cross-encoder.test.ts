/**
 * The cross-encoder stage 1 through the real transformers.js loading path (AutoTokenizer +
 * AutoModelForSequenceClassification from a local modelPath), with a tiny hand-checkable model.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCrossEncoderReranker, createTwoStageReranker } from '../../src/core/moe/index.ts';
import { createTransformersCrossEncoder } from '../../src/providers/rerankers/transformers/index.ts';
import { makeTestHit } from '../../src/core/moe/make-test-hit.ts';
import { writeTinyCrossEncoder } from './tiny-cross-encoder.ts';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

void describe('transformers cross-encoder', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'propo-xenc-')); writeTinyCrossEncoder(dir); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it('loads from modelPath and scores (query, passage) pairs jointly', async () => {
    const encoder = createTransformersCrossEncoder({ model: 'tiny/cross-encoder', modelPath: dir });
    try {
      const scores = await encoder.score('revenue', ['revenue grew', 'the cat sat']);
      // [CLS] revenue [SEP] revenue grew [SEP]: 2 of 6 tokens → logit 10·2/6; [CLS] revenue [SEP] the cat sat [SEP]: 1 of 7.
      assert.ok(Math.abs((scores[0] as number) - sigmoid(10 * 2 / 6)) < 1e-4, String(scores[0]));
      assert.ok(Math.abs((scores[1] as number) - sigmoid(10 / 7)) < 1e-4, String(scores[1]));
    } finally {
      await encoder.close?.();
    }
  });

  void it('reorders candidates as stage 1 of the reranker, in batches', async () => {
    const encoder = createTransformersCrossEncoder({ modelPath: dir });
    const reranker = createTwoStageReranker({ stage1: createCrossEncoderReranker(encoder, 1), uncertaintyThreshold: 0.15 });
    const outcome = await reranker.rerank('revenue', [makeTestHit('a', 'the cat sat on the mat', 1), makeTestHit('b', 'quarterly revenue grew', 0.5)]);
    assert.deepEqual(outcome.hits.map((h) => h.id), ['b', 'a']);
    await encoder.close?.();
  });

  void it('fails with PROPO_ERR_EMBEDDER_UNAVAILABLE and a fix when the folder is missing', async () => {
    const encoder = createTransformersCrossEncoder({ modelPath: join(dir, 'missing') });
    await assert.rejects(encoder.score('q', ['p']), (error: { code?: string; message: string }) => error.code === 'PROPO_ERR_EMBEDDER_UNAVAILABLE' && /stage1|folder needs/u.test(error.message));
  });
});
