import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPropoError } from '../../../core/errors/index.ts';
import { createHashEmbedder } from './create-hash-embedder.ts';
import { hashTokens, DEFAULT_HASH_FEATURES } from './hash-features.ts';
import { lightStem } from './light-stemmer.ts';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

void describe('createHashEmbedder', () => {
  void it('names itself after version and dimensions; feature changes change the name', () => {
    assert.equal(createHashEmbedder().name, 'hash-v1:384');
    assert.equal(createHashEmbedder({ dimensions: 1024 }).dimensions, 1024);
    assert.match(createHashEmbedder({ features: { bigramWeight: 0 } }).name, /^hash-v1:384:custom-[0-9a-f]+$/);
    assert.throws(() => createHashEmbedder({ dimensions: 4 }), (error) => isPropoError(error) && error.code === 'PROPO_ERR_CONFIG_INVALID');
  });

  void it('gives the same vector across instances (no hidden state)', async () => {
    const [a] = await createHashEmbedder().embed(['Reproducible vectors across processes.']);
    const [b] = await createHashEmbedder().embed(['Reproducible vectors across processes.']);
    assert.deepEqual(a, b);
  });

  void it('ignores case, stopwords and inflection', async () => {
    const embedder = createHashEmbedder();
    const [a, b] = await embedder.embed(['The mutations increased the binding', 'mutation increases binding']);
    assert.ok(a && b);
    assert.ok(dot(a, b) > 0.95, `similarity ${dot(a, b)}`);
    assert.deepEqual(hashTokens('The cats are NOT in the studies', DEFAULT_HASH_FEATURES), ['cat', 'not', 'studi']);
  });

  void it('matches sub-word overlap through character n-grams', async () => {
    const embedder = createHashEmbedder();
    const query = await embedder.embedQuery('immunotherapy');
    const [related, unrelated] = await embedder.embed(['immunotherapies and immunology', 'quarterly revenue report']);
    assert.ok(related && unrelated);
    assert.ok(dot(query, related) > dot(query, unrelated) + 0.2);
  });

  void it('embeds thousands of abstract-sized texts per second', async () => {
    const embedder = createHashEmbedder();
    const text = 'Cell-free DNA in plasma reflects tumour burden and response to therapy in patients with metastatic disease. '.repeat(12);
    const texts = Array.from({ length: 300 }, (_, i) => `${i} ${text}`);
    await embedder.embed(texts.slice(0, 20)); // warm up the JIT
    // CPU time, not wall time: other processes on a shared machine must not fail this test.
    const started = process.cpuUsage();
    await embedder.embed(texts);
    const { user, system } = process.cpuUsage(started);
    const perSecond = texts.length / ((user + system) / 1e6);
    assert.ok(perSecond > 500, `${Math.round(perSecond)} texts/s`);
  });
});

void describe('lightStem', () => {
  void it('conflates common English inflections', () => {
    for (const [a, b] of [['mutation', 'mutate'], ['increased', 'increasing'], ['studies', 'study'], ['stopped', 'stop'], ['regulation', 'regulated']]) {
      assert.equal(lightStem(a ?? ''), lightStem(b ?? ''), `${a} vs ${b}`);
    }
    assert.equal(lightStem('cell'), 'cell');
    assert.equal(lightStem('p53'), 'p53');
  });
});
