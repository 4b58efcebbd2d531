export { estimateTokens, estimateMessagesTokens } from './estimate-tokens.ts';
export { priceFor, contextTokensFor, type ModelPrice } from './model-prices.ts';
export { costUsd, type CostEstimate } from './cost-usd.ts';
