/** Sanity of the paired bootstrap and permutation tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedTest, seededRandom } from '../../src/core/eval/index.ts';
import { isPropoError } from '../../src/core/errors/index.ts';

const random = seededRandom(7);
const base = Array.from({ length: 80 }, () => random());

void test('identical runs: no difference, p = 1', () => {
  const result = pairedTest(base, base, { resamples: 2000 });
  assert.equal(result.difference, 0);
  assert.equal(result.pBootstrap, 1);
  assert.equal(result.pPermutation, 1);
  assert.deepEqual(result.ci95, [0, 0]);
});

void test('a clearly better run: small p, CI excludes 0 and contains the true gain', () => {
  const noise = seededRandom(11);
  const better = base.map((v) => v + 0.1 + (noise() - 0.5) * 0.1);
  const result = pairedTest(base, better, { resamples: 5000 });
  assert.ok(result.difference > 0.08 && result.difference < 0.12, `difference ${result.difference}`);
  assert.ok(result.pBootstrap < 0.001, `bootstrap p ${result.pBootstrap}`);
  assert.ok(result.pPermutation < 0.001, `permutation p ${result.pPermutation}`);
  assert.ok(result.ci95[0] > 0 && result.ci95[0] < 0.1 && result.ci95[1] > 0.1);
});

void test('pure noise: large p, and the same seed gives the same answer', () => {
  const noise = seededRandom(13);
  const shuffled = base.map((v) => v + (noise() - 0.5) * 0.02);
  const first = pairedTest(base, shuffled, { resamples: 3000, seed: 5 });
  const second = pairedTest(base, shuffled, { resamples: 3000, seed: 5 });
  assert.deepEqual(first, second);
  assert.ok(first.pPermutation > 0.05 && first.pBootstrap > 0.05, `p ${first.pBootstrap} ${first.pPermutation}`);
  assert.ok(first.ci95[0] < 0 && first.ci95[1] > 0);
});

void test('unpaired inputs are refused', () => {
  assert.throws(() => pairedTest([1, 2], [1]), (error) => isPropoError(error) && error.code === 'PROPO_ERR_VALIDATION');
});
