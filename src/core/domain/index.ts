export * from './types.ts';
export { sha256Hex, documentIdFor, paragraphIdFor, propositionIdFor } from './ids.ts';
export { assertSpanInvariant } from './span-invariant.ts';
