import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isPropoError } from '../../../core/errors/index.ts';
import { TINY_BERT_DIR, TINY_BERT_HIDDEN_SIZE } from '../../../testing/make-tiny-model.ts';
import { createTransformersEmbedder } from './create-transformers-embedder.ts';
import { BGE_QUERY_INSTRUCTION, defaultPooling, defaultQueryInstruction } from './model-defaults.ts';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const tiny = (options: Parameters<typeof createTransformersEmbedder>[0] = {}) =>
  createTransformersEmbedder({ model: 'propo/tiny-bert', modelPath: TINY_BERT_DIR, ...options });

void describe('createTransformersEmbedder (tiny BERT fixture, offline)', () => {
  void it('names itself by model and dtype and reads dimensions from config.json', async () => {
    const embedder = tiny({ dtype: 'fp32' });
    assert.equal(embedder.name, 'transformers:propo/tiny-bert:fp32');
    assert.equal(embedder.dimensions, TINY_BERT_HIDDEN_SIZE); // before loading: from the folder's config.json
    await embedder.load();
    assert.equal(embedder.dimensions, TINY_BERT_HIDDEN_SIZE);
    await embedder.close?.();
  });

  void it('loads model_quantized.onnx for q8 and model.onnx for fp32', async () => {
    const fp32 = tiny({ dtype: 'fp32' });
    const q8 = tiny({ dtype: 'q8' });
    const text = 'the cat sat on the mat';
    const [a] = await fp32.embed([text]);
    const [b] = await q8.embed([text]);
    assert.ok(a && b);
    // The fixture's quantized file holds the same weights rounded to 8-bit levels: close, never identical.
    assert.notDeepEqual(a, b);
    assert.ok(dot(a, b) > 0.99, `cosine ${dot(a, b)}`);
    await Promise.all([fp32.close?.(), q8.close?.()]);
  });

  void it('applies the query instruction in embedQuery only', async () => {
    const embedder = tiny({ dtype: 'fp32', queryInstruction: 'query: ' });
    const query = await embedder.embedQuery('cat');
    const [prefixed, plain] = await embedder.embed(['query: cat', 'cat']);
    assert.ok(prefixed && plain);
    assert.ok(dot(query, prefixed) > 0.9999);
    assert.ok(dot(query, plain) < 0.9999);
    await embedder.close?.();
  });

  void it('truncates input at the tokenizer model_max_length', async () => {
    const embedder = tiny({ dtype: 'fp32' });
    const head = 'the cat sat on the mat '.repeat(11); // 66 tokens, past the fixture's 64
    // Untruncated, the 60-token tails would dominate the mean-pooled vectors.
    const [a, b] = await embedder.embed([`${head} ${'dog '.repeat(60)}`, `${head} ${'revenue grew '.repeat(30)}`]);
    assert.ok(a && b);
    assert.ok(dot(a, b) > 0.9999, 'texts that differ only after the limit embed the same');
    await embedder.close?.();
  });

  void it('fails with PROPO_ERR_EMBEDDER_UNAVAILABLE naming the missing files', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'propo-no-model-'));
    try {
      const embedder = createTransformersEmbedder({ modelPath: empty, dtype: 'q8' });
      await assert.rejects(embedder.embed(['x']), (error) => {
        assert.ok(isPropoError(error) && error.code === 'PROPO_ERR_EMBEDDER_UNAVAILABLE');
        assert.match(error.message, /config\.json, tokenizer\.json.*onnx\/model_quantized\.onnx/);
        return true;
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  void it('uses CLS pooling and the retrieval instruction for BGE, mean pooling otherwise', () => {
    assert.equal(defaultPooling('BAAI/bge-small-en-v1.5'), 'cls');
    assert.equal(defaultQueryInstruction('Xenova/bge-base-en-v1.5'), BGE_QUERY_INSTRUCTION);
    assert.equal(defaultPooling('sentence-transformers/all-MiniLM-L6-v2'), 'mean');
    assert.equal(defaultQueryInstruction('sentence-transformers/all-MiniLM-L6-v2'), '');
  });
});
