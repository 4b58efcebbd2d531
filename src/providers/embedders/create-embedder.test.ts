import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from '../../core/config/index.ts';
import { isPropoError } from '../../core/errors/index.ts';
import { TINY_BERT_DIR } from '../../testing/make-tiny-model.ts';
import { createEmbedder, type EmbedderConfig } from './create-embedder.ts';

const embedderConfig = (input: Record<string, unknown>): EmbedderConfig => configSchema.parse({ embedder: input }).embedder;

void describe('createEmbedder', () => {
  void it('builds the BM25-only placeholder embedder for the default (auto) when no model is local', () => {
    const embedder = createEmbedder(embedderConfig({}), { dataDir: '/tmp/propo-unused' });
    assert.equal(embedder.name, 'bm25-only');
    assert.equal(embedder.placeholderVectors, true);
  });

  void it('builds the offline hash embedder for EMBEDDER=hash', async () => {
    const embedder = createEmbedder(embedderConfig({ provider: 'hash' }), { dataDir: '/tmp/propo-unused' });
    assert.equal(embedder.name, 'hash-v1:1024');
    assert.equal((await embedder.embedQuery('hello')).length, 1024);
  });

  void it('builds a transformers embedder from a local model folder', async () => {
    const embedder = createEmbedder(embedderConfig({ provider: 'transformers', model: 'propo/tiny-bert', modelPath: TINY_BERT_DIR, dtype: 'fp32', batchSize: 3 }), { dataDir: '/tmp/propo-unused' });
    assert.equal(embedder.name, 'transformers:propo/tiny-bert:fp32');
    assert.equal(embedder.maxInputsPerCall, 3);
    assert.equal((await embedder.embedQuery('hello')).length, embedder.dimensions);
    await embedder.close?.();
  });

  void it('builds an OpenAI-compatible embedder with the configured dimensions', () => {
    const embedder = createEmbedder(embedderConfig({ provider: 'openai', model: 'text-embedding-3-small', dimensions: 512, baseUrl: 'http://127.0.0.1:1/v1' }), { dataDir: '/tmp/propo-unused' });
    assert.equal(embedder.name, 'openai:text-embedding-3-small:512');
    assert.equal(embedder.dimensions, 512);
  });

  void it('rejects an unknown provider with a typed error', () => {
    const config = { ...embedderConfig({}), provider: 'word2vec' } as unknown as EmbedderConfig;
    assert.throws(() => createEmbedder(config, { dataDir: '/tmp' }), (error) => isPropoError(error) && error.code === 'PROPO_ERR_CONFIG_INVALID');
  });
});
