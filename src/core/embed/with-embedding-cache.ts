/**
 * A caching decorator for any Embedder. The cache is a small async key/value interface so an in-process LRU
 * (`createLruEmbeddingCache`) and, later, Redis can both implement it.
 */
import { sha256Hex } from '../domain/ids.ts';
import type { Embedder } from '../ports/index.ts';

/** Storage for embeddings keyed by embedder identity + text hash. */
export interface EmbeddingCache {
  get(key: string): Promise<Float32Array | undefined>;
  set(key: string, value: Float32Array): Promise<void>;
}

/**
 * Cache key for one text. It includes the embedder name (which carries model, dtype and dimensions) and whether
 * the text is a query, because query embeddings may carry an instruction prefix.
 */
export function embeddingCacheKey(embedderName: string, kind: 'doc' | 'query', text: string): string {
  return `emb:${embedderName}:${kind}:${sha256Hex(text)}`;
}

/**
 * Wraps an embedder so texts already seen are served from `cache`; only misses reach the embedder,
 * in one call per `embed`. Identity and capabilities are those of the wrapped embedder.
 */
export function withEmbeddingCache(embedder: Embedder, cache: EmbeddingCache): Embedder {
  const embed = async (texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]> => {
    const keys = texts.map((text) => embeddingCacheKey(embedder.name, 'doc', text));
    const cached = await Promise.all(keys.map((key) => cache.get(key)));
    const missing: number[] = [];
    cached.forEach((vector, index) => {
      if (vector === undefined) missing.push(index);
    });
    if (missing.length > 0) {
      // Identical texts in one batch are embedded once.
      const uniqueTexts = [...new Set(missing.map((index) => texts[index] ?? ''))];
      const fresh = await embedder.embed(uniqueTexts, options ?? {});
      const byText = new Map(uniqueTexts.map((text, i) => [text, fresh[i]]));
      await Promise.all(uniqueTexts.map(async (text) => {
        const vector = byText.get(text);
        if (vector !== undefined) await cache.set(embeddingCacheKey(embedder.name, 'doc', text), vector);
      }));
      for (const index of missing) cached[index] = byText.get(texts[index] ?? '');
    }
    return cached.map((vector) => {
      if (vector === undefined) throw new Error('unreachable: every miss was embedded');
      return vector;
    });
  };

  const embedQuery = async (text: string, options?: { signal?: AbortSignal }): Promise<Float32Array> => {
    const key = embeddingCacheKey(embedder.name, 'query', text);
    const hit = await cache.get(key);
    if (hit !== undefined) return hit;
    const vector = await embedder.embedQuery(text, options ?? {});
    await cache.set(key, vector);
    return vector;
  };

  const wrapped: Embedder = {
    name: embedder.name,
    dimensions: embedder.dimensions,
    maxInputsPerCall: embedder.maxInputsPerCall,
    supportsParallelCalls: embedder.supportsParallelCalls,
    embed,
    embedQuery,
  };
  const close = embedder.close?.bind(embedder);
  return close === undefined ? wrapped : { ...wrapped, close };
}
