/** Hashing for the hash embedder: 32-bit FNV-1a over a UTF-16 range, then the murmur3 avalanche. */
import { fmix32 } from '../../../core/sparse/murmur-hash3.ts';

/** The murmur3 32-bit finaliser: spreads every input bit over the output, so `% dimensions` and sign bits are fair. */
export const mix32 = fmix32;

/** Hash of `text.slice(start, end)` (without allocating it), continuing from `seed`. */
export function featureHash(text: string, start = 0, end = text.length, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}
