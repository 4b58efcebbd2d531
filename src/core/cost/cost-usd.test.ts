import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { costUsd } from './cost-usd.ts';
import { contextTokensFor, priceFor } from './model-prices.ts';

void describe('priceFor', () => {
  void it('knows common models by OpenRouter id or bare id, free variants cost nothing, auto is unknown', () => {
    assert.deepEqual(priceFor('openai/gpt-4o-mini'), { promptPer1k: 0.00015, completionPer1k: 0.0006 });
    assert.deepEqual(priceFor('gpt-4o-mini'), priceFor('openai/gpt-4o-mini'));
    assert.deepEqual(priceFor('meta-llama/llama-3.3-70b-instruct:free'), { promptPer1k: 0, completionPer1k: 0 });
    assert.equal(priceFor('openrouter/auto'), null);
    assert.equal(priceFor('llama3.1:8b'), null);
    assert.equal(contextTokensFor('anthropic/claude-3.5-sonnet'), 200_000);
  });
});

void describe('costUsd', () => {
  void it('prefers the provider-reported cost', () => {
    assert.deepEqual(costUsd({ promptTokens: 1000, completionTokens: 1000, costUsd: 0.5, estimated: false }, 'openai/gpt-4o'), { usd: 0.5, source: 'provider', estimated: false });
  });

  void it('falls back to the price table, flagged as estimated', () => {
    const cost = costUsd({ promptTokens: 2000, completionTokens: 1000, estimated: false }, 'openai/gpt-4o');
    assert.equal(cost.source, 'price-table');
    assert.equal(cost.estimated, true);
    assert.ok(Math.abs((cost.usd ?? 0) - (2 * 0.0025 + 0.01)) < 1e-12);
  });

  void it('reports an unknown cost as null, never as zero', () => {
    assert.deepEqual(costUsd({ promptTokens: 10, completionTokens: 10, estimated: true }, 'openrouter/auto'), { usd: null, source: 'unknown', estimated: true });
  });
});
