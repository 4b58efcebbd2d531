import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPropoError } from '../errors/index.ts';
import { MONTHLY_COST_DEFAULTS, monthlyCost } from './monthly-cost.ts';

void test('the defaults give 6000 × 600 tokens = 3.6M tokens → $1.35 + $50 fixed = $51.35', () => {
  const estimate = monthlyCost();
  assert.deepEqual({ ...MONTHLY_COST_DEFAULTS }, { monthlyQueries: 6000, promptTokens: 300, completionTokens: 300, pricePer1kTokensUsd: 0.000375, baseFixedCostUsd: 50 });
  assert.equal(estimate.tokensPerMonth, 3_600_000);
  assert.ok(Math.abs(estimate.tokenCostUsd - 1.35) < 1e-9);
  assert.ok(Math.abs(estimate.totalUsd - 51.35) < 1e-9);
});

void test('other inputs: 1000 queries × (500 + 250) tokens at $0.002/1k + $10 = $1.50 + $10', () => {
  const estimate = monthlyCost({ monthlyQueries: 1000, promptTokens: 500, completionTokens: 250, pricePer1kTokensUsd: 0.002, baseFixedCostUsd: 10 });
  assert.equal(estimate.tokensPerMonth, 750_000);
  assert.ok(Math.abs(estimate.tokenCostUsd - 1.5) < 1e-9);
  assert.ok(Math.abs(estimate.totalUsd - 11.5) < 1e-9);
});

void test('negative or non-finite inputs are a validation error', () => {
  for (const input of [{ monthlyQueries: -1 }, { pricePer1kTokensUsd: Number.NaN }, { baseFixedCostUsd: Number.POSITIVE_INFINITY }]) {
    assert.throws(() => monthlyCost(input), (error: unknown) => isPropoError(error) && error.code === 'PROPO_ERR_VALIDATION');
  }
});
