/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of a string, unsigned. The same function
 * (seed 0) that pinecone-text's BM25Encoder uses to map tokens to sparse indices, so vectors
 * written by Propo and by that library agree on token ids.
 */
export function murmurHash3(text: string, seed = 0): number {
  const bytes = new TextEncoder().encode(text);
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let hash = seed >>> 0;
  const blocks = bytes.length - (bytes.length % 4);
  for (let i = 0; i < blocks; i += 4) {
    let k = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    hash ^= k;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  const rest = bytes.length & 3;
  if (rest > 0) {
    let tail = 0;
    if (rest === 3) tail ^= (bytes[blocks + 2] ?? 0) << 16;
    if (rest >= 2) tail ^= (bytes[blocks + 1] ?? 0) << 8;
    tail ^= bytes[blocks] ?? 0;
    tail = Math.imul(tail, c1);
    tail = (tail << 15) | (tail >>> 17);
    tail = Math.imul(tail, c2);
    hash ^= tail;
  }
  hash ^= bytes.length;
  return fmix32(hash);
}

/** The murmur3 32-bit finaliser: spreads every input bit over the output (also used by the hash embedder). */
export function fmix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
