/**
 * The USD cost of one LLM call. Provider-reported cost (OpenRouter `usage.cost`) wins; otherwise
 * the price table is applied to the token counts; otherwise the cost is unknown (null), never a
 * silent zero, so budgets can flag it.
 */
import type { LlmUsage } from '../ports/index.ts';
import { priceFor } from './model-prices.ts';

export interface CostEstimate {
  /** Cost in USD, or null when neither the provider nor the price table knows it. */
  usd: number | null;
  source: 'provider' | 'price-table' | 'unknown';
  /** True unless the provider reported the cost of real (not estimated) usage. */
  estimated: boolean;
}

/** Cost of `usage` on `model` (use the model the provider reported, e.g. what openrouter/auto chose). */
export function costUsd(usage: LlmUsage, model: string): CostEstimate {
  if (usage.costUsd !== undefined && Number.isFinite(usage.costUsd)) {
    return { usd: usage.costUsd, source: 'provider', estimated: usage.estimated };
  }
  const price = priceFor(model);
  if (!price) return { usd: null, source: 'unknown', estimated: true };
  const usd = (usage.promptTokens / 1000) * price.promptPer1k + (usage.completionTokens / 1000) * price.completionPer1k;
  return { usd, source: 'price-table', estimated: true };
}
