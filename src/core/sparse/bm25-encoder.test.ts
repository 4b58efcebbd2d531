import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bm25Encoder } from './bm25-encoder.ts';
import { loadBm25Encoder, saveBm25Encoder } from './bm25-encoder-file.ts';
import { murmurHash3 } from './murmur-hash3.ts';
import { alphaFromWeights, hybridScale, type SparseVector } from './sparse-vector.ts';
import { tokenizeForBm25 } from './tokenize-for-bm25.ts';

function dot(a: SparseVector, b: SparseVector): number {
  const values = new Map(a.indices.map((index, i) => [index, a.values[i] ?? 0]));
  return b.indices.reduce((sum, index, i) => sum + (values.get(index) ?? 0) * (b.values[i] ?? 0), 0);
}

void describe('murmurHash3', () => {
  void it('matches the reference MurmurHash3_x86_32 (unsigned, seed 0) used by pinecone-text', () => {
    assert.equal(murmurHash3(''), 0);
    assert.equal(murmurHash3('hello'), 613153351);
    assert.equal(murmurHash3('foo'), 4138058784);
    assert.equal(murmurHash3('The quick brown fox jumps over the lazy dog'), 0x2e4ff723);
  });
});

void describe('tokenizeForBm25', () => {
  void it('folds case and accents, splits on punctuation, drops stop words', () => {
    assert.deepEqual(tokenizeForBm25('Naïve CAFÉ: "quoted" it\'s the end-game'), ['naive', 'cafe', 'quoted', 'end', 'game']);
  });
});

void describe('Bm25Encoder', () => {
  const corpus = ['glacier erosion shapes valley floors', 'glacier tourism grows each summer', 'brewing science is called zymurgy', 'common filler sentence'];

  void it('scores with BM25: more matching terms and rarer terms rank higher', () => {
    const encoder = new Bm25Encoder().fit(corpus);
    const query = encoder.encodeQuery('glacier erosion');
    const scores = corpus.map((text) => dot(query, encoder.encodeDocument(text)));
    assert.ok((scores[0] ?? 0) > (scores[1] ?? 0));
    assert.ok((scores[1] ?? 0) > 0);
    assert.equal(scores[2], 0);
    const rare = dot(encoder.encodeQuery('zymurgy'), encoder.encodeDocument(corpus[2] ?? ''));
    const common = dot(encoder.encodeQuery('glacier'), encoder.encodeDocument(corpus[1] ?? ''));
    assert.ok(rare > common, 'a rarer term weighs more');
  });

  void it('computes the textbook values (k1 = 1.2, b = 0.75)', () => {
    const encoder = new Bm25Encoder().fit(['alpha beta', 'alpha alpha gamma delta']);
    assert.equal(encoder.averageLength, 3);
    const doc = encoder.encodeDocument('alpha alpha gamma delta');
    const alpha = doc.values[doc.indices.indexOf(murmurHash3('alpha'))] ?? NaN;
    const norm = 1.2 * (1 - 0.75 + (0.75 * 4) / 3);
    assert.ok(Math.abs(alpha - (2 * 2.2) / (2 + norm)) < 1e-12);
    const query = encoder.encodeQuery('gamma');
    assert.ok(Math.abs((query.values[0] ?? NaN) - Math.log(3 / 1.5)) < 1e-12);
    assert.deepEqual(encoder.encodeQuery('the of and'), { indices: [], values: [] });
  });

  void it('keeps indices sorted and unique and caps the number of terms', () => {
    const encoder = new Bm25Encoder({ maxTerms: 3 });
    const vector = encoder.encodeDocument('one two three four five one one');
    assert.equal(vector.indices.length, 3);
    assert.deepEqual([...vector.indices].sort((a, b) => a - b), vector.indices);
    assert.ok(vector.indices.includes(murmurHash3('one')), 'the most frequent term survives the cap');
  });

  void it('observes incrementally like a fit over the union, and round-trips through JSON', async () => {
    const incremental = new Bm25Encoder().observe(corpus.slice(0, 2)).observe(corpus.slice(2));
    assert.deepEqual(incremental.toJSON(), new Bm25Encoder().fit(corpus).toJSON());
    const dir = await mkdtemp(join(tmpdir(), 'propo-bm25-'));
    try {
      const path = join(dir, 'nested', 'bm25-encoder.json');
      assert.equal((await loadBm25Encoder(path)).documents, 0, 'a missing file is an empty encoder');
      await saveBm25Encoder(incremental, path);
      const loaded = await loadBm25Encoder(path);
      assert.deepEqual(loaded.encodeQuery('glacier zymurgy'), incremental.encodeQuery('glacier zymurgy'));
      await writeFile(path, '{"version":9}');
      await assert.rejects(loadBm25Encoder(path), { code: 'PROPO_ERR_CONFIG_INVALID' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

void describe('hybridScale', () => {
  void it('scales dense by alpha and sparse by 1 - alpha', () => {
    const scaled = hybridScale([1, 2], { indices: [7], values: [4] }, 0.25);
    assert.deepEqual(scaled, { dense: [0.25, 0.5], sparse: { indices: [7], values: [3] } });
    assert.equal(alphaFromWeights(0.5, 0.5), 0.5);
    assert.ok(Math.abs(alphaFromWeights(0.3, 0.1) - 0.75) < 1e-12);
  });
});
