export { createTransformersCrossEncoder } from './transformers-cross-encoder.ts';
