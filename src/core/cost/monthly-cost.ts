/**
 * The monthly cost calculator of the original app: a month of questions at a given prompt and
 * completion size, priced per 1 000 tokens, plus a fixed base cost (hosting, storage).
 *
 *   tokensPerMonth = monthlyQueries × (promptTokens + completionTokens)
 *   tokenCostUsd   = tokensPerMonth / 1000 × pricePer1kTokensUsd
 *   totalUsd       = tokenCostUsd + baseFixedCostUsd
 */
import { PropoError } from '../errors/index.ts';

export interface MonthlyCostInput {
  monthlyQueries: number;
  promptTokens: number;
  completionTokens: number;
  pricePer1kTokensUsd: number;
  baseFixedCostUsd: number;
}

export interface MonthlyCostEstimate extends MonthlyCostInput {
  tokensPerMonth: number;
  tokenCostUsd: number;
  totalUsd: number;
}

/** The calculator's defaults, as in the original app. */
export const MONTHLY_COST_DEFAULTS: Readonly<MonthlyCostInput> = Object.freeze({
  monthlyQueries: 6000,
  promptTokens: 300,
  completionTokens: 300,
  pricePer1kTokensUsd: 0.000375,
  baseFixedCostUsd: 50,
});

export function monthlyCost(input: Partial<MonthlyCostInput> = {}): MonthlyCostEstimate {
  const values: MonthlyCostInput = { ...MONTHLY_COST_DEFAULTS, ...input };
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new PropoError('PROPO_ERR_VALIDATION', `${key} must be a finite number ≥ 0 (got ${String(value)}).`);
    }
  }
  const tokensPerMonth = values.monthlyQueries * (values.promptTokens + values.completionTokens);
  const tokenCostUsd = (tokensPerMonth / 1000) * values.pricePer1kTokensUsd;
  return { ...values, tokensPerMonth, tokenCostUsd, totalUsd: tokenCostUsd + values.baseFixedCostUsd };
}
