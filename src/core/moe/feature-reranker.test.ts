import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFeatureReranker } from './feature-reranker.ts';
import { makeTestHit } from './make-test-hit.ts';
import { longestPhraseRun, minimalWindow, rerankFeatures } from './rerank-features.ts';
import { createTwoStageReranker } from './two-stage-reranker.ts';

const hit = makeTestHit;

void describe('rerank features', () => {
  void it('minimal window and phrase run are hand-checkable', () => {
    assert.deepEqual(minimalWindow(['a', 'x', 'b', 'a', 'y', 'y', 'b'], new Set(['a', 'b'])), { present: 2, window: 2 });
    assert.equal(longestPhraseRun(['heat', 'shock', 'protein'], ['the', 'heat', 'shock', 'protein', 'binds']), 3);
    assert.equal(longestPhraseRun(['heat', 'shock'], ['shock', 'heat']), 1);
  });

  void it('scores an exact phrase match 1 and a scattered match lower on proximity', () => {
    const [exact, scattered] = rerankFeatures('heat shock protein', [
      hit('a', 'The heat shock protein binds.', 1),
      hit('b', 'Protein levels rose in shock after heat exposure.', 1),
    ]);
    assert.equal(exact?.phrase, 1);
    assert.equal(scattered?.phrase, 0);
    assert.ok((exact?.proximity ?? 0) > (scattered?.proximity ?? 0));
  });
});

void describe('feature reranker', () => {
  void it('moves the exact-phrase match to the top', async () => {
    const hits = [
      hit('a', 'Vitamin D levels and bone health in older adults.', 0.033, { denseScore: 0.6, bm25Score: 8 }),
      hit('b', 'Deficiency of vitamin levels was linked to poor bone density.', 0.032, { denseScore: 0.55, bm25Score: 7 }),
      hit('c', 'We found that vitamin D deficiency causes bone loss in mice.', 0.030, { denseScore: 0.5, bm25Score: 6 }),
    ];
    const reranker = createTwoStageReranker({ stage1: createFeatureReranker(), uncertaintyThreshold: 0.15 });
    const outcome = await reranker.rerank('vitamin D deficiency causes bone loss', hits);
    assert.equal(outcome.hits[0]?.id, 'c');
    assert.equal(outcome.changed, true);
    assert.equal(outcome.stage, 'stage1');
  });
});
