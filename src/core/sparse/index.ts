export { Bm25Encoder, type Bm25EncoderState, type Bm25Parameters } from './bm25-encoder.ts';
export { loadBm25Encoder, saveBm25Encoder } from './bm25-encoder-file.ts';
export { murmurHash3 } from './murmur-hash3.ts';
export { tokenizeForBm25 } from './tokenize-for-bm25.ts';
export { hybridScale, alphaFromWeights, type SparseVector } from './sparse-vector.ts';
