/**
 * Fuzzes the upload path with mutated copies of the real PDFs: every input is either parsed or
 * rejected with a PropoError — no crash, no hang, no unhandled rejection.
 * PROPO_TEST_SIZE=small → ~150 inputs; large → 2000 (bench/fuzz-pdf.ts runs more).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadSeedPdfs, mutatedPdfs, runPdfFuzz } from './pdf-mutations.ts';

const DATASET = resolve(import.meta.dirname, '../../../shared/datasets/documents/pdf');
const LARGE = process.env.PROPO_TEST_SIZE === 'large';
const COUNT = LARGE ? 2000 : 150;
/** Each parse starts a worker (~1-3 s on a busy machine), so small runs parse a prefix of the inputs. */
const PARSE_COUNT = LARGE ? COUNT : 20;

void test(`${COUNT} mutated PDFs through detectType, ${PARSE_COUNT} through parseInWorker: parsed or a typed PropoError, none hangs`, { timeout: 900_000 }, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
  process.on('unhandledRejection', onUnhandled);
  try {
    const seeds = loadSeedPdfs(DATASET);
    assert.ok(seeds.length >= 20, `only ${seeds.length} seed PDFs`);
    const inputs = mutatedPdfs(seeds, COUNT, 20240601);
    const detected = await runPdfFuzz(inputs, { concurrency: 1, timeoutMs: 10_000, memoryMb: 256, detectOnly: true, hangMs: 180_000 });
    assert.deepEqual(detected.failures.map((f) => `${f.input.seed} ${f.input.mutation}: ${f.error}`), []);
    const result = await runPdfFuzz(inputs.slice(0, PARSE_COUNT), { concurrency: 2, timeoutMs: 10_000, memoryMb: 256, hangMs: 180_000 });
    const total = result.outcomes.parsed + result.outcomes['rejected-by-detect'] + result.outcomes['rejected-by-parser'];
    assert.deepEqual(result.failures.map((f) => `${f.input.seed} ${f.input.mutation}: ${f.error}`), []);
    assert.equal(total, PARSE_COUNT);
    assert.ok(result.outcomes.parsed > 0, 'some mutations still parse (the fuzzer reaches the parser)');
    assert.ok(result.outcomes['rejected-by-parser'] + result.outcomes['rejected-by-detect'] > 0);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
