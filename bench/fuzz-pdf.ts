/**
 * PDF upload fuzzer: `node --import ./bin/register.mjs bench/fuzz-pdf.ts [count] [seed]`.
 * Mutates the real PDFs in ../shared/datasets/documents/pdf (byte flips, truncation, splices),
 * runs each through detectType + parseInWorker, prints outcome counts, exits 1 on any failure.
 */
import { resolve } from 'node:path';
import { loadSeedPdfs, mutatedPdfs, runPdfFuzz } from '../test/security/pdf-mutations.ts';

const count = Number(process.argv[2] ?? (process.env.PROPO_TEST_SIZE === 'small' ? 150 : 3000));
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => { unhandled.push(reason); });

const seeds = loadSeedPdfs(resolve(import.meta.dirname, '../../shared/datasets/documents/pdf'));
const started = Date.now();
const result = await runPdfFuzz(mutatedPdfs(seeds, count, seed), { concurrency: 2, timeoutMs: 10_000, memoryMb: 256 });
console.log(JSON.stringify({ count, seed, seeds: seeds.length, seconds: Math.round((Date.now() - started) / 1000), ...result.outcomes, codes: result.codes, maxMs: result.maxMs, failures: result.failures.length, unhandled: unhandled.length }, null, 2));
for (const failure of result.failures.slice(0, 20)) console.log(`FAIL ${failure.input.seed} ${failure.input.mutation}: ${failure.error}`);
process.exitCode = result.failures.length > 0 || unhandled.length > 0 ? 1 : 0;
