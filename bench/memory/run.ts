/**
 * Memory under load (issue 14 item 7): where does RSS go when 50 answers stream at once, three
 * rounds in a row, and is it returned? Runs each configuration in its own process, side by side
 * in one run, against one scripted LLM server (a separate process would not change the child's RSS;
 * it runs here in the parent):
 *   http × SQLite (the default store), http × LanceDB, http × LanceDB with MALLOC_ARENA_MAX=2,
 *   http × plain JS store, store-only × SQLite, store-only × LanceDB, store-only × JS
 *   (same searches, no HTTP, no LLM).
 * Usage: node --import ./bin/register.mjs bench/memory/run.ts [--rounds 3] [--streams 50] [--stores sqlite,lancedb,js] [--notes N]
 * (--notes N adds N SciFact notes to the library: 8,000 give ≈ 100k propositions.)
 * (--stores keeps only the configurations of those stores; the LanceDB rows peak at ≈ 12 GB RSS each.)
 * Prints a Markdown table (MB after a full GC at each point). Timing-free; RSS on a shared machine
 * still varies by a few tens of MB between runs.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = option('rounds', 3);
const STREAMS = option('streams', 50);
const NOTES = option('notes', 0);
const storesArg = args.indexOf('--stores');
const STORES = storesArg >= 0 ? (args[storesArg + 1] ?? '').split(',') : ['sqlite', 'lancedb', 'js'];
const ROOT = resolve(import.meta.dirname, '../..');

interface Sample { label: string; store?: string; records?: number; rssMb: number; heapUsedMb: number; externalMb: number; arrayBuffersMb: number }

const words = 'The answer draws on the documents you ingested and cites the spans it used for each statement it makes'.split(' ');
const llm = await startScriptedLlmServer({ script: { chunks: Array.from({ length: 40 }, (_, i) => `${words[i % words.length] ?? 'word'} `), delayBetweenMs: 15 } });

function runChild(env: Record<string, string>): Promise<Sample[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', './bin/register.mjs', 'bench/memory/child.ts'], {
      cwd: ROOT, env: { ...process.env, ROUNDS: String(ROUNDS), STREAMS: String(STREAMS), NOTES: String(NOTES), LLM_BASE_URL: llm.url, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('exit', (code) => {
      const samples = out.split('\n').filter((l) => l.startsWith('{"label"')).map((l) => JSON.parse(l) as Sample);
      if (code !== 0) reject(new Error(`child ${JSON.stringify(env)} exited ${code}: ${out.slice(-500)}`));
      else resolvePromise(samples);
    });
  });
}

const configs: Array<[string, Record<string, string>]> = ([
  ['http · SQLite (default config)', { MODE: 'http', STORE: 'sqlite' }],
  ['http · LanceDB', { MODE: 'http', STORE: 'lancedb' }],
  ['http · LanceDB · MALLOC_ARENA_MAX=2', { MODE: 'http', STORE: 'lancedb', MALLOC_ARENA_MAX: '2' }],
  ['http · JS store', { MODE: 'http', STORE: 'js' }],
  ['store only · SQLite', { MODE: 'store', STORE: 'sqlite' }],
  ['store only · LanceDB', { MODE: 'store', STORE: 'lancedb' }],
  ['store only · JS store', { MODE: 'store', STORE: 'js' }],
] satisfies Array<[string, Record<string, string>]>).filter(([, env]) => STORES.includes(env.STORE));
const rows: string[] = [];
try {
  for (const [name, env] of configs) {
    const samples = await runChild(env);
    const at = (label: string) => samples.find((s) => s.label === label);
    const cell = (label: string) => { const s = at(label); return s ? `${s.rssMb} / ${s.heapUsedMb} / ${s.externalMb}` : '–'; };
    rows.push(`| ${name}${NOTES > 0 ? ` (${at('after-ingest')?.records ?? '?'} rows)` : ''} | ${cell('after-ingest')} | ${cell('baseline')} | ${cell('warm')} | ${Array.from({ length: ROUNDS }, (_, i) => cell(`round-${i + 1}`)).join(' | ')} | ${cell('idle-2s')} |`);
    process.stderr.write(`${name}: ${JSON.stringify(samples)}\n`);
  }
} finally {
  await llm.close();
}
process.stdout.write(`Memory (MB: RSS / JS heap used / external) after a full GC, ${STREAMS} concurrent work items × ${ROUNDS} rounds${NOTES > 0 ? `, ${NOTES} notes added` : ''}\n\n`);
process.stdout.write(`| configuration | after ingest | baseline | after one question | ${Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1}`).join(' | ')} | idle 2 s |\n`);
process.stdout.write(`|---|---|---|---|${Array.from({ length: ROUNDS }, () => '---').join('|')}|---|\n`);
process.stdout.write(`${rows.join('\n')}\n`);
