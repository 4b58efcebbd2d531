/**
 * Issue 12, item 3: the real-questions set. (1) Every gold substring is on its page in the text
 * Propo stores for the real file (the production parse, in a worker, of all 40 documents).
 * (2) A small slice of the set runs end to end through `bin/propo eval` in a child process:
 * real ingestion of real files, real `ask`, extractive and with the quoting LLM on the scripted
 * local server; a wrong gold substring is refused before anything is scored.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { detectType } from '../../src/core/ingest/detect-type.ts';
import { parseInWorker } from '../../src/core/ingest/parse-in-worker.ts';
import { goldLocations, goldProblems, loadRealQuestions, type RealQuestionsRun } from '../../src/core/eval/real-questions/index.ts';
import { quotingLlmScript } from '../../src/testing/quoting-llm-script.ts';
import { startScriptedLlmServer, type ScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { DATASETS, REPO_ROOT } from '../../src/testing/temp-app.ts';
import { tempDirsRemovedAfter } from '../../src/testing/temp-dirs.ts';

const DATASET = join(REPO_ROOT, 'eval/datasets/real-questions');
const run = promisify(execFile);

test('the set has ≥ 60 answerable, ≥ 10 unanswerable questions and ≥ 6 three-turn conversations with a topic switch', async () => {
  const dataset = await loadRealQuestions(DATASET);
  assert.ok(dataset.questions.filter((q) => q.gold.length > 0).length >= 60);
  assert.ok(dataset.questions.filter((q) => q.gold.length === 0).length >= 10);
  assert.ok(dataset.conversations.length >= 6);
  for (const c of dataset.conversations) {
    assert.equal(c.turns.length, 3, c.id);
    assert.equal(c.turns[2]?.switch, true, c.id);
    assert.notEqual(c.turns[2]?.gold[0]?.document, c.turns[0]?.gold[0]?.document, `${c.id}: the switch goes to another document`);
  }
});

test('every gold substring is on its page of the stored text of the real file', async () => {
  const dataset = await loadRealQuestions(DATASET);
  const pages = new Map<string, Map<number, string>>();
  const queue = [...dataset.documents];
  // Two parse workers at a time (the machine has two cores); each file is parsed as ingestion parses it.
  const lane = async (): Promise<void> => {
    for (let document = queue.shift(); document !== undefined; document = queue.shift()) {
      const bytes = new Uint8Array(readFileSync(join(dataset.documentsRoot, document)));
      const name = document.split('/').at(-1) ?? document;
      const parsed = await parseInWorker(bytes, { kind: detectType(name, bytes, { maxBytes: 64 * 1024 * 1024 }), fileName: name, timeoutMs: 180_000, memoryMb: 1024, maxPages: 5000 });
      pages.set(document, new Map(parsed.pages.map((p) => [p.number, p.text])));
    }
  };
  await Promise.all([lane(), lane()]);
  const locations = goldLocations(dataset);
  assert.ok(locations.length >= 70);
  assert.deepEqual(goldProblems(locations, (document, page) => pages.get(document)?.get(page) ?? null), []);
});

const SLICE_DOCUMENTS = ['documents/md/rustbook-ch04-01-what-is-ownership.md', 'documents/md/rustbook-ch15-05-interior-mutability.md', 'documents/md/ts-handbook-release_notes-TypeScript_2.0.md'];

/** A slice of the real set: its questions on three Markdown documents, two unanswerable, one conversation. */
function writeSlice(dir: string, breakGold = false): void {
  mkdirSync(dir, { recursive: true });
  const lines = readFileSync(join(DATASET, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { document?: string; kind: string; gold?: string });
  const questions = [...lines.filter((q) => q.document !== undefined && SLICE_DOCUMENTS.includes(q.document)), ...lines.filter((q) => q.kind === 'unanswerable').slice(0, 2)];
  if (breakGold && questions[0]) questions[0].gold = 'a sentence that is on no page';
  const conversation = JSON.parse(readFileSync(join(DATASET, 'conversations.jsonl'), 'utf8').split('\n').find((l) => l.includes('conv-refcell')) ?? '{}') as { turns: Array<Record<string, unknown>> };
  conversation.turns[2] = { question: 'What does the never type represent in TypeScript?', document: SLICE_DOCUMENTS[2], page: 1, gold: 'The never type represents the type of values that never occur.', switch: true };
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify({ documentsRoot: DATASETS, documents: SLICE_DOCUMENTS }));
  writeFileSync(join(dir, 'questions.jsonl'), questions.map((q) => JSON.stringify(q)).join('\n'));
  writeFileSync(join(dir, 'conversations.jsonl'), `${JSON.stringify({ ...conversation, id: 'slice-conv' })}\n`);
}

let llm: ScriptedLlmServer;
const tempDir = tempDirsRemovedAfter('propo-realq-');
let rootDir = '';
const root = (): string => rootDir;
before(async () => { llm = await startScriptedLlmServer({ script: quotingLlmScript() }); rootDir = await tempDir(); });
after(async () => { await llm.close(); });

test('a slice runs end to end through bin/propo eval: real ingestion, real ask, extractive and with the quoting LLM', async () => {
  const dir = join(root(), 'slice');
  writeSlice(dir);
  const env = { ...process.env, LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'quoting-llm', LLM_API_KEY: 'unused' };
  const { stdout } = await run(join(REPO_ROOT, 'bin/propo'), ['--data-dir', join(root(), 'data'), '--log-dir', join(root(), 'logs'), 'eval', '--dataset', dir, '--json'], { env, cwd: root(), maxBuffer: 1 << 24 });
  const summary = JSON.parse(stdout) as { savedTo: string; runs: Array<Pick<RealQuestionsRun, 'answerer' | 'metrics'>> };
  assert.deepEqual(summary.runs.map((r) => r.answerer), ['extractive', 'llm:quoting-llm']);
  const saved = JSON.parse(readFileSync(summary.savedTo, 'utf8')) as { runs: RealQuestionsRun[] };
  for (const result of saved.runs) {
    const answerable = result.questions.filter((q) => q.answerable);
    assert.ok(answerable.length >= 6, `${answerable.length} answerable questions in the slice`);
    assert.equal(result.metrics.unanswerable, 2);
    assert.equal(result.metrics.top3CitationHit, answerable.filter((q) => q.top3Hit).length / answerable.length);
    assert.ok(result.metrics.top3CitationHit >= result.metrics.firstCitationHit);
    // A scorer that never hits fails here (3 of 7 hit in the top 3 on 2026-12-02).
    assert.ok(result.metrics.top3CitationHit > 0, `${result.answerer}: top-3 ${result.metrics.top3CitationHit}`);
    assert.deepEqual(result.conversations.map((c) => c.turns.length), [3]);
    assert.equal(result.metrics.turnTop3Hit.length, 3);
  }
  const llmRun = saved.runs[1];
  assert.ok(llmRun?.questions.some((q) => q.mode === 'llm'), 'answers came from the LLM');
  assert.ok(llm.chatRequests().length > 0);
});

test('a gold substring that is not on its page stops the run before scoring, naming the question', async () => {
  const dir = join(root(), 'broken');
  writeSlice(dir, true);
  const failure = await run(join(REPO_ROOT, 'bin/propo'), ['--data-dir', join(root(), 'data2'), '--log-dir', join(root(), 'logs2'), 'eval', '--dataset', dir], { env: { ...process.env, LLM_PROVIDER: 'none' }, cwd: root() })
    .then(() => null, (error: { code: number; stderr: string }) => error);
  assert.ok(failure, 'the run must fail');
  assert.equal(failure.code, 1);
  assert.match(failure.stderr, /PROPO_ERR_VALIDATION/);
  assert.match(failure.stderr, /"a sentence that is on no page" is not on page 1/);
});

test('eval --config applies its variant to the real-questions run (a variant turning the LLM off leaves one run); --compare is refused', async () => {
  const dir = join(root(), 'variant');
  writeSlice(dir);
  const variant = join(root(), 'no-llm.yaml');
  writeFileSync(variant, 'llm:\n  provider: none\n');
  const env = { ...process.env, LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'quoting-llm', LLM_API_KEY: 'unused' };
  const args = ['--data-dir', join(root(), 'data3'), '--log-dir', join(root(), 'logs3'), 'eval', '--dataset', dir];
  const { stdout } = await run(join(REPO_ROOT, 'bin/propo'), [...args, '--config', variant, '--json'], { env, cwd: root(), maxBuffer: 1 << 24 });
  const summary = JSON.parse(stdout) as { runs: Array<Pick<RealQuestionsRun, 'answerer'>> };
  assert.deepEqual(summary.runs.map((r) => r.answerer), ['extractive']);
  const failure = await run(join(REPO_ROOT, 'bin/propo'), [...args, '--compare', variant, variant], { env, cwd: root() })
    .then(() => null, (error: { code: number; stderr: string }) => error);
  assert.ok(failure, '--compare on the real-questions set must fail');
  assert.match(failure.stderr, /PROPO_ERR_VALIDATION/);
});
