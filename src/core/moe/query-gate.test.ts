import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config/index.ts';
import { createQueryGate, queryComplexity } from './query-gate.ts';
import { isSmallTalk } from './small-talk.ts';

const gateConfig = loadConfig({ env: {}, dotenvPath: false }).config.moe.gate;
const flat = (n: number) => Array.from({ length: n }, (_, i) => ({ score: 1 - i * 0.01, denseScore: 0.3 }));

void describe('gate: retrieve or not', () => {
  void it('skips small talk', () => {
    for (const message of ['hi', 'Hello!', 'thanks', 'Thank you so much!', 'how are you?', 'good morning', 'bye', 'ok 👍']) {
      assert.equal(isSmallTalk(message), true, message);
      assert.equal(createQueryGate(gateConfig).beforeRetrieval(message).decision, 'skip', message);
    }
  });

  void it('never blocks a real question, even with a greeting in it', () => {
    for (const message of ['hi, what is BM25?', 'thanks — and the revenue in 2019?', 'how are you computing the score?', 'what is up with the budget', 'Thanks. Who wrote chapter 3?', 'hello world program', 'why', 'GDPR?']) {
      assert.equal(isSmallTalk(message), false, message);
    }
    assert.equal(createQueryGate(gateConfig).beforeRetrieval('What does the contract say about termination?').decision, 'retrieve');
  });
});

void describe('gate: choosing k', () => {
  const gate = createQueryGate(gateConfig);

  void it('gives longer, multi-clause questions a larger k', () => {
    const short = gate.chooseK('solar panels', flat(30)).k;
    const long = gate.chooseK('How do solar panel efficiency, battery storage costs and grid feed-in tariffs compare between Germany and Spain, and which policy changed adoption most?', flat(30)).k;
    assert.ok(queryComplexity('solar panels') < 0.1);
    assert.ok(long > short, `${long} > ${short}`);
    assert.equal(long, 12, 'default_top_k 8 + 0.5 · 1 · (15 − 8) = 11.5 → 12');
    assert.equal(short, gateConfig.default_top_k);
  });

  void it('gives a confident, sharp top a smaller k, never below k_min', () => {
    const sharp = [{ score: 1, denseScore: 0.9 }, ...Array.from({ length: 29 }, (_, i) => ({ score: 0.6 - i * 0.001, denseScore: 0.2 }))];
    const decision = gate.chooseK('solar panels', sharp);
    assert.equal(decision.confidence, 1);
    assert.ok(decision.k < gate.chooseK('solar panels', flat(30)).k);
    assert.equal(decision.k, 6, 'default_top_k 8 − 0.5 · 1 · (8 − 4) = 6');
    assert.equal(createQueryGate({ ...gateConfig, confidence_weight: 1, k_min: 7 }).chooseK('solar panels', sharp).k, 7, 'k_min is a floor');
  });

  void it('clamps to [k_min, k_max] for tiny candidate lists and custom configs', () => {
    assert.equal(gate.chooseK('solar', [{ score: 1, denseScore: 0.1 }]).k, gateConfig.k_min);
    const wide = createQueryGate({ ...gateConfig, k_min: 2, k_max: 5, default_top_k: 20 });
    assert.equal(wide.chooseK('solar', flat(30)).k, 5);
    const steep = Array.from({ length: 30 }, (_, i) => ({ score: 1 / (i + 1), denseScore: 0.3 }));
    assert.equal(gate.chooseK('solar', steep).plausible, 2, 'only 1 and 1/2 are ≥ low_score_cutoff · top');
    assert.equal(gate.chooseK('solar', steep).k, gateConfig.k_min);
  });
});
