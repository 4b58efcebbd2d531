/**
 * Mutated copies of the real PDFs (byte flips, truncation, splices of two files) for fuzzing the
 * upload path: detectType, then parseInWorker. Shared by test/security/fuzz-upload.test.ts and
 * bench/fuzz-pdf.ts (thousands of inputs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isPropoError } from '../../src/core/errors/index.ts';
import { detectType } from '../../src/core/ingest/detect-type.ts';
import { parseInWorker } from '../../src/core/ingest/parse-in-worker.ts';

export interface Seed { name: string; bytes: Uint8Array }

export function loadSeedPdfs(dir: string, maxBytes = 300_000): Seed[] {
  return readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort()
    .filter((n) => statSync(join(dir, n)).size <= maxBytes)
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

type Mutation =
  | { kind: 'flip'; flips: Array<{ at: number; byte: number }> }
  | { kind: 'truncate'; keep: number }
  | { kind: 'splice'; other: number; from: number; length: number; at: number };

export interface MutatedInput { seed: string; mutation: string; bytes: Uint8Array }

/** Uniform in [0, 1) (fc.double is uniform over representations, i.e. mostly tiny values). */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fraction, byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fraction }),
  fc.record({ kind: fc.constant('splice' as const), other: fc.nat(), from: fraction, length: fc.integer({ min: 1, max: 4096 }), at: fraction }),
);

function apply(seeds: Seed[], index: number, mutation: Mutation): MutatedInput {
  const seed = seeds[index % seeds.length] as Seed;
  const source = seed.bytes;
  let bytes: Uint8Array;
  if (mutation.kind === 'flip') {
    bytes = source.slice();
    for (const flip of mutation.flips) bytes[Math.floor(flip.at * bytes.length)] = flip.byte;
  } else if (mutation.kind === 'truncate') {
    bytes = source.slice(0, Math.floor(mutation.keep * source.length));
  } else {
    const other = (seeds[mutation.other % seeds.length] as Seed).bytes;
    const from = Math.floor(mutation.from * other.length);
    const piece = other.slice(from, from + mutation.length);
    const at = Math.floor(mutation.at * source.length);
    bytes = new Uint8Array([...source.slice(0, at), ...piece, ...source.slice(at + piece.length)]);
  }
  return { seed: seed.name, mutation: JSON.stringify(mutation).slice(0, 200), bytes };
}

/** `count` deterministic mutated inputs (same seed → same inputs). */
export function mutatedPdfs(seeds: Seed[], count: number, seed = 42): MutatedInput[] {
  return fc.sample(fc.tuple(fc.nat(), mutationArb), { numRuns: count, seed }).map(([index, mutation]) => apply(seeds, index, mutation));
}

export type FuzzOutcome = 'parsed' | 'rejected-by-detect' | 'rejected-by-parser';
export interface FuzzResult { outcomes: Record<FuzzOutcome, number>; codes: Record<string, number>; failures: Array<{ input: MutatedInput; error: string }>; maxMs: number }

/** One input: a typed rejection or a parse is fine; any other throw (or PROPO_ERR_INTERNAL) is a failure. */
async function classify(input: MutatedInput, options: { timeoutMs: number; memoryMb: number; detectOnly?: boolean }): Promise<{ outcome: FuzzOutcome; code?: string; failure?: string }> {
  const describe = (error: unknown) => (isPropoError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  let kind;
  try {
    kind = detectType('fuzz.pdf', input.bytes, { maxBytes: 10 * 1024 * 1024 });
  } catch (error) {
    if (isPropoError(error) && error.code !== 'PROPO_ERR_INTERNAL') return { outcome: 'rejected-by-detect', code: error.code };
    return { outcome: 'rejected-by-detect', failure: describe(error) };
  }
  if (options.detectOnly) return { outcome: 'parsed' };
  try {
    await parseInWorker(input.bytes, { kind, fileName: 'fuzz.pdf', timeoutMs: options.timeoutMs, memoryMb: options.memoryMb, maxPages: 500 });
    return { outcome: 'parsed' };
  } catch (error) {
    if (isPropoError(error) && error.code !== 'PROPO_ERR_INTERNAL') return { outcome: 'rejected-by-parser', code: error.code };
    return { outcome: 'rejected-by-parser', failure: describe(error) };
  }
}

/**
 * Runs each input through detectType and parseInWorker with `concurrency` workers. An input
 * fails the run when anything other than a PropoError is thrown or it exceeds the time bound.
 */
export async function runPdfFuzz(inputs: MutatedInput[], options: { concurrency: number; timeoutMs: number; memoryMb: number; detectOnly?: boolean; hangMs?: number }): Promise<FuzzResult> {
  // A hang, not a slow machine: tests pass a generous bound (the worker's own time limit still applies).
  const hangMs = options.hangMs ?? options.timeoutMs + 5000;
  const result: FuzzResult = { outcomes: { parsed: 0, 'rejected-by-detect': 0, 'rejected-by-parser': 0 }, codes: {}, failures: [], maxMs: 0 };
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++] as MutatedInput;
      const started = Date.now();
      const stage = await classify(input, options);
      if (stage.failure) result.failures.push({ input, error: stage.failure });
      else {
        result.outcomes[stage.outcome] += 1;
        if (stage.code) result.codes[stage.code] = (result.codes[stage.code] ?? 0) + 1;
      }
      const elapsed = Date.now() - started;
      result.maxMs = Math.max(result.maxMs, elapsed);
      if (elapsed > hangMs) result.failures.push({ input, error: `took ${elapsed} ms (bound ${hangMs} ms)` });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
