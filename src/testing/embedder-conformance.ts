/**
 * The conformance suite every Embedder adapter runs (`runEmbedderSuite`): the behaviour core relies on,
 * checked through the port only. Call it at the top level of a `*.test.ts` file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embedMany } from '../core/embed/index.ts';
import { isPropoError } from '../core/errors/index.ts';
import type { Embedder } from '../core/ports/index.ts';

export interface EmbedderSuiteOptions {
  name: string;
  create: () => Promise<Embedder>;
  /**
   * Whether the embedder captures meaning well enough that paraphrases outscore unrelated text. False for
   * fixtures with random weights (the tiny test BERT), where that check would measure luck, so it is skipped.
   */
  semantic: boolean;
  /** Float tolerance for "same input, same vector" across batch compositions (default 1e-5). */
  tolerance?: number;
}

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

function assertClose(actual: Float32Array, expected: Float32Array, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const worst = actual.reduce((max, value, i) => Math.max(max, Math.abs(value - (expected[i] ?? Number.NaN))), 0);
  assert.ok(worst <= tolerance, `${what}: max difference ${worst} > ${tolerance}`);
}

/** Registers the embedder conformance tests under `describe(name)`. */
export function runEmbedderSuite(options: EmbedderSuiteOptions): void {
  const tolerance = options.tolerance ?? 1e-5;
  void describe(`Embedder conformance: ${options.name}`, () => {
    let embedder: Embedder;
    before(async () => {
      embedder = await options.create();
    });
    after(async () => {
      await embedder.close?.();
    });

    void it('declares sane capabilities and a stable name', () => {
      assert.ok(embedder.name.length > 0);
      assert.ok(Number.isInteger(embedder.maxInputsPerCall) && embedder.maxInputsPerCall >= 1);
      assert.equal(typeof embedder.supportsParallelCalls, 'boolean');
    });

    void it('returns unit-length Float32Arrays whose length equals dimensions', async () => {
      const vectors = await embedder.embed(['Propositions are atomic facts.', 'Citations point at exact spans.']);
      const query = await embedder.embedQuery('what is a proposition?');
      for (const vector of [...vectors, query]) {
        assert.ok(vector instanceof Float32Array);
        assert.equal(vector.length, embedder.dimensions);
        assert.ok(vector.every(Number.isFinite));
        assert.ok(Math.abs(norm(vector) - 1) < 1e-3, `norm ${norm(vector)}`);
      }
      assert.ok(dot(vectors[0] ?? query, vectors[1] ?? query) < 0.9999, 'different texts must not share one vector');
    });

    void it('is deterministic for the same input', async () => {
      const [first] = await embedder.embed(['The same sentence twice.']);
      const [second] = await embedder.embed(['The same sentence twice.']);
      assertClose(second ?? new Float32Array(), first ?? new Float32Array(), tolerance, 'repeat');
      assertClose(await embedder.embedQuery('same query'), await embedder.embedQuery('same query'), tolerance, 'repeat query');
    });

    void it('gives in a batch, in input order, what it gives for each text alone', async () => {
      const texts = ['alpha beta gamma', 'the quick brown fox jumps', 'x', 'numbers 42 and 7 in a longer sentence with words'];
      const batch = await embedder.embed(texts);
      assert.equal(batch.length, texts.length);
      for (const [i, text] of texts.entries()) {
        const [single] = await embedder.embed([text]);
        assertClose(batch[i] ?? new Float32Array(), single ?? new Float32Array(), tolerance, `item ${i}`);
      }
      assert.deepEqual(await embedder.embed([]), []);
    });

    void it('handles the empty string and truncates very long input instead of failing', async () => {
      const long = 'A long document sentence about retrieval and citations. '.repeat(2_000);
      const [empty, longVector] = await embedder.embed(['', long]);
      for (const vector of [empty, longVector]) {
        assert.ok(vector !== undefined && vector.length === embedder.dimensions && vector.every(Number.isFinite));
      }
      assert.ok(Math.abs(norm(longVector ?? new Float32Array()) - 1) < 1e-3);
    });

    void it('embeds more than maxInputsPerCall texts through embedMany, in order', async () => {
      const count = embedder.maxInputsPerCall * 2 + 3;
      const texts = Array.from({ length: count }, (_, i) => `document number ${i} about topic ${i % 7}`);
      const progress: number[] = [];
      const vectors = await embedMany(embedder, texts, { onProgress: ({ done }) => progress.push(done) });
      assert.equal(vectors.length, count);
      assert.equal(progress.at(-1), count);
      for (const i of [0, embedder.maxInputsPerCall, count - 1]) {
        const [single] = await embedder.embed([texts[i] ?? '']);
        assertClose(vectors[i] ?? new Float32Array(), single ?? new Float32Array(), tolerance, `text ${i}`);
      }
    });

    void it('rejects with PROPO_ERR_ABORTED when the signal is aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const aborted = (error: unknown): boolean => isPropoError(error) && error.code === 'PROPO_ERR_ABORTED';
      await assert.rejects(embedder.embed(['some text'], { signal: controller.signal }), aborted);
      await assert.rejects(embedder.embedQuery('some text', { signal: controller.signal }), aborted);
      await assert.rejects(embedMany(embedder, ['a', 'b'], { signal: controller.signal }), aborted);
    });

    void it('scores a paraphrase above an unrelated text', { skip: options.semantic ? false : 'random-weight fixture: similarity is not meaningful' }, async () => {
      const [cat, paraphrase, unrelated] = await embedder.embed(['the cat sat on the mat', 'a cat sat on a mat', 'quarterly revenue grew']);
      assert.ok(cat && paraphrase && unrelated);
      assert.ok(dot(cat, paraphrase) > dot(cat, unrelated) + 0.1, `paraphrase ${dot(cat, paraphrase)} vs unrelated ${dot(cat, unrelated)}`);
    });
  });
}
