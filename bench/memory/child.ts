/**
 * One configuration of the memory benchmark (bench/memory/run.ts starts it in its own process):
 * ingests the TXT/Markdown documents, then runs ROUNDS rounds of STREAMS concurrent work items
 * and prints process.memoryUsage() after each round (after a full GC) as one JSON line.
 *   MODE=http   — /api/chat SSE streams through the real server and the scripted LLM at LLM_BASE_URL
 *   MODE=store  — the same number of direct vector-store searches (dense + text), no HTTP, no LLM
 *   STORE=sqlite | lancedb | js — the default SQLite store (vectors, BM25 and HNSW in the app database),
 *     LanceDB, or the plain in-memory store (js-vector-store.ts)
 *   NOTES=N — also ingests N Markdown notes (SciFact title + abstract, numbered past the 5,183 abstracts) through
 *     the same `app.ingest`, to serve a library of ~100k propositions (N ≈ 8,000)
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../../src/app/http/index.ts';
import { createTempApp, DATASETS } from '../../src/testing/temp-app.ts';
import { createJsVectorStore } from './js-vector-store.ts';

const MODE = process.env.MODE ?? 'http';
const STORE = process.env.STORE ?? 'sqlite';
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const STREAMS = Number(process.env.STREAMS ?? 50);
const LLM_BASE_URL = process.env.LLM_BASE_URL ?? '';
const NOTES = Number(process.env.NOTES ?? 0);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const QUESTIONS = ['How does ownership work?', 'What is a trait object?', 'Which operators can be overloaded?', 'How are errors propagated?', 'What does the borrow checker prevent?'];

let storeName = '';
function sample(label: string, extra: Record<string, number> = {}): void {
  gc();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  process.stdout.write(`${JSON.stringify({ label, store: storeName, rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), ...extra })}\n`);
}

async function readSse(url: string, question: string): Promise<void> {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  await response.text();
  if (response.status !== 200) throw new Error(`chat answered ${response.status}`);
}

const env: Record<string, string> = MODE === 'http' ? { LLM_PROVIDER: 'openai', LLM_BASE_URL, LLM_MODEL: 'scripted', LLM_API_KEY: 'sk-local', PROPOSITIONIZER: 'rule' } : {};
const temp = await createTempApp(env, {
  'server.port': 0, 'server.metricsPort': 0, 'limits.chatPerMinute': 100_000, 'limits.maxConcurrentStreams': 1000, 'limits.dailyBudgetUsd': 1_000_000,
  // A memory benchmark, not a timeout test: a loaded 2-core machine delays request headers past the 20 s default (408).
  'server.headersTimeoutMs': 120_000, 'server.requestTimeoutMs': 600_000,
  // sqlite: no override at all, i.e. the default configuration (the store name is printed with each sample).
  ...(STORE === 'lancedb' ? { 'vectorStore.provider': 'lancedb' } : {}),
}, STORE === 'js' ? { vectors: createJsVectorStore() } : {});
const { app } = temp;
storeName = app.vectors.name;
for (const kind of ['txt', 'md']) {
  const dir = join(DATASETS, 'documents', kind);
  for (const name of readdirSync(dir)) await app.ingest({ fileName: name, bytes: readFileSync(join(dir, name)) });
}
if (NOTES > 0) {
  const abstracts = readFileSync(join(DATASETS, 'scifact', 'corpus.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { title: string; text: string });
  for (let i = 0; i < NOTES; i += 1) {
    const a = abstracts[i % abstracts.length] as { title: string; text: string };
    const round = Math.floor(i / abstracts.length);
    await app.ingest({ fileName: `note-${String(i).padStart(5, '0')}.md`, bytes: Buffer.from(`# ${a.title}${round > 0 ? ` (note ${round + 1})` : ''}\n\n${a.text}\n`) });
  }
}
sample('after-ingest', { records: await app.vectors.count() });
const running = MODE === 'http' ? await startServer(app, { handleSignals: false }) : null;
sample('baseline');
// One question first: its search loads (or builds) the in-memory BM25 index and statistics that a serving process
// keeps, so 'warm' is the idle memory of a server that has answered; the rounds below show what the load adds to it.
await (running ? readSse(running.url, `${QUESTIONS[0] ?? ''} (warm-up)`) : app.vectors.searchText(QUESTIONS[0] ?? '', 100));
sample('warm');
for (let round = 1; round <= ROUNDS; round += 1) {
  await Promise.all(Array.from({ length: STREAMS }, async (_, i) => {
    const question = `${QUESTIONS[i % QUESTIONS.length] ?? ''} (${round}-${i})`;
    if (running) return readSse(running.url, question);
    const [vector] = await app.embedder.embed([question]);
    if (!vector) return undefined;
    await app.vectors.searchDense(vector, 100);
    await app.vectors.searchText(question, 100);
    return undefined;
  }));
  sample(`round-${round}`);
}
await new Promise((resolve) => setTimeout(resolve, 2000));
sample('idle-2s');
await (running ? running.stop() : app.close());
rmSync(resolve(temp.config.dataDir, '..'), { recursive: true, force: true });
