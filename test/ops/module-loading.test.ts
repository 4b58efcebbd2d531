/**
 * Issue 17: a command loads only what it uses (decisions 0076, 0116, 0130). Real `bin/propo` processes run with a
 * module log (test/ops/module-log.mjs through NODE_OPTIONS: every ES module by a loader hook, every CommonJS module
 * from require.cache at exit); the test asserts which packages and source modules each command loaded, and how
 * many — counts, not timings, so a loaded machine does not make it flaky.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDirsRemovedAfter } from '../../src/testing/temp-dirs.ts';
import { UNREACHABLE_HUB_URL } from '../../src/testing/unreachable-hub.ts';
import { propoBin, run, startServe } from './serve-process.ts';

const tempDir = tempDirsRemovedAfter('propo-module-loading-');
const HOOK = join(import.meta.dirname, 'module-log.mjs');

/** Heavy packages and modules, and the commands that must not load them. */
const PROM = /node_modules\/(prom-client|@opentelemetry)\//;
const LANCEDB = /node_modules\/(@lancedb|apache-arrow)\//;
const PINECONE = /node_modules\/@pinecone-database\//;
const PDFJS = /node_modules\/pdfjs-dist\//;
const TRANSFORMERS = /node_modules\/(@huggingface\/transformers|onnxruntime-node)\//;
const ARCHIVE = /node_modules\/(tar|jszip)\//;
const FASTIFY = /node_modules\/(fastify|@fastify\/[^/]+)\//;
const INGEST_PIPELINE = /\/src\/core\/ingest\/(ingest-file|ingest-files|parse-pool|parse-in-worker|split-paragraphs)\.[jt]s$/;
/** The URL fetcher and the LLM clients: loaded on the first URL, and only when an LLM is configured (decision 0156). */
const WEB_OR_LLM = /\/src\/providers\/(web\/fetch-web-page|llm\/[^/]+\/[^/]+|llm\/create-llm)\.[jt]s$/;
const BACKUP = /\/src\/app\/ops\/backup\/(run-backup|create-backup|verify-backup)\.[jt]s$/;

async function library(): Promise<{ env: Record<string, string>; notes: string }> {
  const root = await tempDir();
  const notes = join(root, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'lighthouse.md'), '# Lighthouses\n\nA lighthouse keeper trims the wick every evening. The lamp burns paraffin oil.\n');
  writeFileSync(join(notes, 'orchard.md'), '# Orchards\n\nApple trees are pruned in late winter. Grafting joins a scion to a rootstock.\n');
  return { env: { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs'), EMBED_HUB_URL: UNREACHABLE_HUB_URL, NODE_ENV: 'production' }, notes };
}

let logs = 0;
/** The modules a run loaded (file URLs and paths, deduplicated). */
async function loaded(env: Record<string, string>, args: string[]): Promise<string[]> {
  const log = join(await tempDir(), `modules-${logs++}.log`);
  const result = await run(propoBin, args, { ...env, PROPO_MODULE_LOG: log, NODE_OPTIONS: `--import ${HOOK}` });
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
}

function assertNone(modules: string[], pattern: RegExp, what: string): void {
  const hits = modules.filter((m) => pattern.test(m));
  assert.deepEqual(hits.slice(0, 5), [], `${what}: ${hits.length} modules`);
}

test('--help loads the command list, not the config schema or any provider', async () => {
  const { env } = await library();
  const modules = await loaded(env, ['--help']);
  assert.ok(modules.length < 60, `--help loaded ${modules.length} modules`);
  assertNone(modules, /node_modules\/(better-sqlite3|pino|zod)\//, 'database, logger or config schema');
  assertNone(modules, /\/src\/app\/compose\.[jt]s$/, 'the composition root');
});

test('docs list and ask load neither prom-client, LanceDB, Pinecone, pdf.js, transformers nor the ingest pipeline', async () => {
  const { env, notes } = await library();
  const ingest = await run(propoBin, ['ingest', notes, '--json'], env);
  assert.equal(ingest.code, 0, ingest.stderr);
  for (const args of [['docs', 'list', '--json'], ['ask', 'When are apple trees pruned?', '--json']]) {
    const modules = await loaded(env, args);
    const name = args.slice(0, 2).join(' ');
    assertNone(modules, PROM, `${name}: prom-client`);
    assertNone(modules, LANCEDB, `${name}: LanceDB`);
    assertNone(modules, PINECONE, `${name}: Pinecone`);
    assertNone(modules, PDFJS, `${name}: pdf.js`);
    assertNone(modules, TRANSFORMERS, `${name}: transformers`);
    assertNone(modules, ARCHIVE, `${name}: archive code`);
    assertNone(modules, FASTIFY, `${name}: the HTTP stack`);
    assertNone(modules, INGEST_PIPELINE, `${name}: the ingest pipeline`);
    assertNone(modules, BACKUP, `${name}: backup code`);
    assertNone(modules, WEB_OR_LLM, `${name}: the URL fetcher or an LLM client (extractive answers)`);
    // At bd5dab0 `docs list` loaded 313 modules (84 of them prom-client and @opentelemetry/api), `ask` 346; ≈ 75 and 250
    // until `ask` reached 260 with new retrieval modules; since decision 0156 ≈ 76 and 247.
    assert.ok(modules.length < 260, `${name} loaded ${modules.length} modules`);
  }
  // docs list reads the catalogue only: no composition root, no embedder, no vector store (decision 0131); at
  // bd5dab0 it loaded 313 modules, now ≈ 75.
  const docs = await loaded(env, ['docs', 'list', '--json']);
  assertNone(docs, /\/src\/app\/compose\.[jt]s$/, 'docs list: the composition root');
  assertNone(docs, /\/src\/providers\/(embedders|stores\/sqlite-index)\//, 'docs list: the embedder or the vector store');
  assert.ok(docs.length < 120, `docs list loaded ${docs.length} modules`);
});

test('serve loads prom-client and the HTTP stack, but no backup code, LanceDB or Pinecone before its first page', async () => {
  const { env } = await library();
  const log = join(await tempDir(), 'serve-modules.log');
  const server = await startServe({ ...env, PROPO_MODULE_LOG: log, NODE_OPTIONS: `--import ${HOOK}` });
  try {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
  } finally {
    await server.stop();
  }
  const modules = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  assert.ok(modules.some((m) => PROM.test(m)), 'serve exposes /metrics through prom-client');
  assert.ok(modules.some((m) => FASTIFY.test(m)), 'serve loads Fastify');
  assertNone(modules, BACKUP, 'serve: backup code');
  assertNone(modules, LANCEDB, 'serve: LanceDB');
  assertNone(modules, PINECONE, 'serve: Pinecone');
  assertNone(modules, ARCHIVE, 'serve: archive code');
  // At bd5dab0 serve loaded 1,542 modules to its first page; now ≈ 820.
  assert.ok(modules.length < 1000, `serve loaded ${modules.length} modules`);
});
