import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Embedder } from '../ports/index.ts';
import { createHashEmbedder } from '../../providers/embedders/hash/index.ts';
import { createLruEmbeddingCache } from './lru-embedding-cache.ts';
import { embeddingCacheKey, withEmbeddingCache } from './with-embedding-cache.ts';

/** The real hash embedder, counting the texts that reach it. */
function counting(dimensions = 32): { embedder: Embedder; seen: string[] } {
  const inner = createHashEmbedder({ dimensions });
  const seen: string[] = [];
  return {
    seen,
    embedder: {
      ...inner,
      name: inner.name,
      embed: (texts, options) => {
        seen.push(...texts);
        return inner.embed(texts, options ?? {});
      },
      embedQuery: (text, options) => {
        seen.push(`query:${text}`);
        return inner.embedQuery(text, options ?? {});
      },
    },
  };
}

void describe('withEmbeddingCache', () => {
  void it('serves repeated texts from the cache and embeds only misses, once each', async () => {
    const { embedder, seen } = counting();
    const cached = withEmbeddingCache(embedder, createLruEmbeddingCache());
    const first = await cached.embed(['a b', 'c d', 'a b']);
    assert.deepEqual(seen, ['a b', 'c d']);
    const second = await cached.embed(['c d', 'e f', 'a b']);
    assert.deepEqual(seen, ['a b', 'c d', 'e f']);
    assert.deepEqual(second[0], first[1]);
    assert.deepEqual(second[2], first[0]);
    assert.deepEqual(second, await embedder.embed(['c d', 'e f', 'a b']));
    assert.equal(cached.name, embedder.name);
    assert.equal(cached.dimensions, embedder.dimensions);
  });

  void it('keeps queries apart from documents and keys by embedder name', async () => {
    const { embedder, seen } = counting();
    const cache = createLruEmbeddingCache();
    const cached = withEmbeddingCache(embedder, cache);
    await cached.embed(['same text']);
    await cached.embedQuery('same text');
    await cached.embedQuery('same text');
    assert.deepEqual(seen, ['same text', 'query:same text']);
    assert.notEqual(embeddingCacheKey('hash-v1:32', 'doc', 'x'), embeddingCacheKey('hash-v1:64', 'doc', 'x'));
    assert.notEqual(embeddingCacheKey('e', 'doc', 'x'), embeddingCacheKey('e', 'query', 'x'));

    const other = counting(64);
    const otherCached = withEmbeddingCache(other.embedder, cache);
    const [vector] = await otherCached.embed(['same text']);
    assert.deepEqual(other.seen, ['same text']);
    assert.equal(vector?.length, 64);
  });

  void it('evicts the least recently used entry and hands out copies', async () => {
    const cache = createLruEmbeddingCache({ maxEntries: 2 });
    await cache.set('a', Float32Array.from([1]));
    await cache.set('b', Float32Array.from([2]));
    const a = await cache.get('a'); // a is now the most recent
    await cache.set('c', Float32Array.from([3]));
    assert.equal(cache.size, 2);
    assert.equal(await cache.get('b'), undefined);
    assert.deepEqual(await cache.get('c'), Float32Array.from([3]));
    a?.fill(9);
    assert.deepEqual(await cache.get('a'), Float32Array.from([1]));
  });
});
