import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenAiCompatibleLlm } from '../../providers/llm/openai-compatible/create-openai-compatible-llm.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../testing/scripted-llm-server.ts';
import { makeTestHit as hit } from './make-test-hit.ts';
import { createListwiseReranker, parsePermutation } from './llm-listwise-reranker.ts';
import type { Stage1Reranker } from './reranker-types.ts';
import { createTwoStageReranker } from './two-stage-reranker.ts';
import { scoringParagraphs } from './create-moe-pipeline.ts';

/** A stage 1 that returns fixed scores, so certainty is set by the test. */
const fixed = (scores: number[]): Stage1Reranker => ({ name: 'fixed', score: () => Promise.resolve(scores) });
const hits = [hit('a', 'alpha', 1), hit('b', 'beta', 1), hit('c', 'gamma', 1), hit('d', 'delta', 1)];

void describe('parsePermutation', () => {
  void it('reads RankGPT-style orders and appends unmentioned candidates', () => {
    assert.deepEqual(parsePermutation('[3] > [1] > [2]', 3), [2, 0, 1]);
    assert.deepEqual(parsePermutation('2, 1', 4), [1, 0, 2, 3]);
    assert.deepEqual(parsePermutation('[2] > [2] > [1]', 2), [1, 0]);
  });

  void it('rejects replies that are not orders', () => {
    for (const reply of ['I cannot rank these passages.', '[7] > [1]', '1']) {
      assert.throws(() => parsePermutation(reply, 3), (error: { code?: string }) => error.code === 'PROPO_ERR_LLM_BAD_RESPONSE', reply);
    }
  });
});

void describe('two-stage reranker with an LLM stage 2', () => {
  let server: ScriptedLlmServer;
  let replies: string[] = [];
  before(async () => {
    server = await startScriptedLlmServer({ script: (_body, { callIndex }) => ({ text: replies[Math.min(callIndex, replies.length - 1)] ?? '' }) });
  });
  after(async () => { await server.close(); });
  const llm = () => createOpenAiCompatibleLlm({ baseUrl: server.url, model: 'test', timeoutMs: 5000, firstTokenTimeoutMs: 5000, maxRetries: 0 });

  void it('does not call the LLM when stage 1 is certain (large top-2 margin)', async () => {
    const before = server.chatRequests().length;
    const reranker = createTwoStageReranker({ stage1: fixed([1, 0.2, 0.1, 0]), stage2: createListwiseReranker({ llm: llm() }), uncertaintyThreshold: 0.15 });
    const outcome = await reranker.rerank('q', hits);
    assert.equal(server.chatRequests().length, before);
    assert.equal(outcome.stage2?.reason, 'certain');
    assert.deepEqual(outcome.hits.map((h) => h.id), ['a', 'b', 'c', 'd']);
  });

  void it('asks the LLM when uncertain, applies its order, and caches it', async () => {
    replies = ['[2] > [1] > [3]'];
    const before = server.chatRequests().length;
    // Normalised stage-1 scores 1, 0.95, 0.9, 0: margin 0.05 < 0.15; d is far behind and is not sent.
    const reranker = createTwoStageReranker({ stage1: fixed([1, 0.95, 0.9, 0]), stage2: createListwiseReranker({ llm: llm() }), uncertaintyThreshold: 0.15 });
    const outcome = await reranker.rerank('which greek letter?', hits);
    assert.equal(server.chatRequests().length, before + 1);
    assert.deepEqual(outcome.hits.map((h) => h.id), ['b', 'a', 'c', 'd']);
    assert.equal(outcome.stage, 'stage2');
    const prompt = JSON.stringify(server.chatRequests().at(-1)?.body);
    assert.match(prompt, /\[1\] alpha/u);
    assert.doesNotMatch(prompt, /delta/u);
    const again = await reranker.rerank('which greek letter?', hits);
    assert.equal(server.chatRequests().length, before + 1, 'second call served from the LRU cache');
    assert.equal(again.stage2?.reason, 'cached');
  });

  void it('keeps the stage-1 order when the LLM reply is malformed', async () => {
    replies = ['Sorry, as an AI I cannot rank passages.'];
    const reranker = createTwoStageReranker({ stage1: fixed([0.9, 1, 0.95, 0]), stage2: createListwiseReranker({ llm: llm() }), uncertaintyThreshold: 0.15 });
    const outcome = await reranker.rerank('another query', hits);
    assert.deepEqual(outcome.hits.map((h) => h.id), ['b', 'c', 'a', 'd']);
    assert.equal(outcome.stage, 'stage1');
    assert.equal(outcome.stage2?.reason, 'error');
  });

  void it('ranks long lists in sliding windows of batch_size', async () => {
    replies = ['[4] > [3] > [2] > [1]'];
    const many = Array.from({ length: 6 }, (_, i) => hit(`h${i}`, `text ${i}`, 1));
    const before = server.chatRequests().length;
    const reranked = await createListwiseReranker({ llm: llm(), batchSize: 4 }).rerank('q', many);
    // Windows [2..5] then [0..3] (step 2): the reversals bubble h5 and h4 to the top.
    assert.equal(server.chatRequests().length - before, 2);
    assert.deepEqual(reranked.hits.map((h) => h.id), ['h4', 'h5', 'h1', 'h0', 'h3', 'h2']);
  });
});

void describe('scoringParagraphs', () => {
  void it('lets stage 1 read each hit\'s paragraph and leaves the cited hits unchanged', async () => {
    const seen: string[][] = [];
    const recording: Stage1Reranker = { name: 'features', score: (_query, scored) => { seen.push(scored.map((h) => h.record.text)); return Promise.resolve(scored.map((h) => h.record.text.length)); } };
    const paragraph = { id: 'par-a', documentId: 'doc-a', page: 1, start: 0, end: 45, text: 'alpha sentence. A longer paragraph around it.', ordinal: 0 };
    const cited = [hit('a', 'alpha sentence.', 1, { paragraph }), hit('b', 'beta', 1)];
    const stage1 = scoringParagraphs(recording);
    assert.equal(stage1.name, 'features(paragraph)');
    assert.deepEqual(await stage1.score('q', cited), [paragraph.text.length, 4]);
    assert.deepEqual(seen, [[paragraph.text, 'beta']], 'a hit without a paragraph is scored on its own text');
    assert.equal(cited[0]?.record.text, 'alpha sentence.', 'the hits themselves are not modified');
  });
});
