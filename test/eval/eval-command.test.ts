/**
 * End to end through the real `propo eval` command function: a 6-document dataset in a temp dir,
 * ingested into SQLite + LanceDB, queried in BM25 mode, checked against a hand-worked answer;
 * the second run must reuse the cached index; --compare of a config with itself finds no difference.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { CliContext } from '../../src/app/cli/cli-context.ts';
import { registerEval, registerEvalCompare } from '../../src/app/cli/commands/eval-command.ts';
import { readVariant, splitConfigFlags } from '../../src/app/cli/commands/eval-run.ts';
import { isPropoError } from '../../src/core/errors/index.ts';
import { parseQueryFold, queryFold } from '../../src/core/eval/index.ts';

let root = '';
const corpus = [
  { id: 'd1', title: 'Volcanoes', text: 'Basaltic lava erupts from shield volcanoes in Hawaii. Magma chambers feed the eruptions.' },
  { id: 'd2', title: 'Penguins', text: 'Emperor penguins huddle through the Antarctic winter. Males incubate a single egg on their feet.' },
  { id: 'd3', title: 'Violins', text: 'Stradivari built violins from spruce and maple. His instruments still sell for millions.' },
  { id: 'd4', title: 'Glaciers', text: 'Glaciers carve fjords as they retreat. Meltwater raises the sea level slowly.' },
  { id: 'd5', title: 'Coffee', text: 'Arabica coffee grows best at high altitude in Ethiopia. Roasting develops the aroma.' },
  { id: 'd6', title: 'Tea', text: 'Darjeeling leaves are picked in spring flushes. Oolong is partly oxidised.' },
];
const queries = [
  { id: 'q1', text: 'Which volcanoes erupt basaltic lava?' },
  { id: 'q2', text: 'How do emperor penguins incubate their egg?' },
  { id: 'q3', text: 'What wood did Stradivari use for violins?' },
  // Judged relevant to d6 (tea) but worded like d5: BM25 ranks d5 first and never finds d6.
  { id: 'q4', text: 'Where does arabica coffee grow best?' },
];
const qrels = [['q1', 'd1'], ['q2', 'd2'], ['q3', 'd3'], ['q4', 'd6']].map(([query_id, doc_id]) => ({ query_id, doc_id, relevance: 1 }));
const span = (doc: string, answer: string) => {
  const text = corpus.find((d) => d.id === doc)?.text ?? '';
  return { doc_id: doc, answer, start: text.indexOf(answer), end: text.indexOf(answer) + answer.length };
};
const answers = [
  { query_id: 'q1', ...span('d1', 'shield volcanoes') },
  { query_id: 'q2', ...span('d2', 'on their feet') },
  { query_id: 'q3', ...span('d3', 'spruce and maple') },
  { query_id: 'q4', ...span('d6', 'spring flushes') },
];
const jsonl = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'propo-eval-'));
  await mkdir(join(root, 'tiny'));
  await writeFile(join(root, 'tiny', 'corpus.jsonl'), jsonl(corpus));
  await writeFile(join(root, 'tiny', 'queries.jsonl'), jsonl(queries));
  await writeFile(join(root, 'tiny', 'qrels.jsonl'), jsonl(qrels));
  await writeFile(join(root, 'tiny', 'answers.jsonl'), jsonl(answers));
  await writeFile(join(root, 'bm25.yaml'), 'retrieval:\n  mode: bm25\n  fusion: rrf\n');
});
after(async () => { await rm(root, { recursive: true, force: true }); });

/** Runs `propo <args>` with the commands `register` adds and returns what it printed on stdout; asserts exit code 0. */
async function propo(args: string[], register: (program: Command, ctx: CliContext) => void = registerEval): Promise<string> {
  const program = new Command('propo').option('--config <file>').option('--data-dir <dir>').option('--log-dir <dir>').option('--namespace <name>');
  register(program, new CliContext(program));
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  // Only the command's strings are captured; the test runner's own (binary) protocol passes through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === 'string') { out += chunk; return true; }
    return (write as (c: Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'propo', '--data-dir', join(root, 'data'), '--log-dir', join(root, 'logs'), ...args]);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(process.exitCode ?? 0, 0, `propo ${args.join(' ')} failed`);
  return out;
}

interface Summary {
  dataset: string; queries: number; metrics: Record<string, number | null>; latencyMs: { p50: number; p95: number };
  extraMetrics: Record<string, number | null>; ingestion: { cached: boolean; documents: number }; settings: Record<string, unknown>;
}

void test('eval --json reports the specified shape and the hand-worked values, then reuses the index', async () => {
  const first = JSON.parse(await propo(['eval', '--dataset', join(root, 'tiny'), '--config', join(root, 'bm25.yaml'), '--json'])) as Summary;
  assert.equal(first.dataset, 'tiny');
  assert.equal(first.queries, 4);
  assert.deepEqual(Object.keys(first.metrics).sort(), ['citationSpanAccuracy', 'hit@1', 'hit@5', 'mrr@10', 'ndcg@10', 'recall@10', 'recall@100']);
  assert.deepEqual(Object.keys(first.latencyMs).sort(), ['p50', 'p95']);
  assert.equal(first.settings.mode, 'bm25');
  // q1–q3 find their document first; q4's relevant d6 shares no term with the query.
  for (const key of ['ndcg@10', 'recall@10', 'recall@100', 'mrr@10', 'hit@1', 'hit@5']) assert.equal(first.metrics[key], 0.75, key);
  // Top proposition of q1–q3 is the sentence holding the answer; q4's top span is in d5.
  assert.equal(first.metrics.citationSpanAccuracy, 0.75);
  assert.equal(first.extraMetrics.citationSpanOverlap, 0.75);
  assert.equal(first.ingestion.cached, false);
  assert.equal(first.ingestion.documents, 6);

  const second = JSON.parse(await propo(['eval', '--dataset', join(root, 'tiny'), '--config', join(root, 'bm25.yaml'), '--json'])) as Summary;
  assert.equal(second.ingestion.cached, true);
  assert.deepEqual(second.metrics, first.metrics);
  assert.equal((await readdir(join(root, 'data', 'eval-runs'))).length, 2);
  assert.equal((await readdir(join(root, 'data', 'eval-cache'))).length, 1);
});

void test('eval --compare of a config with itself: zero differences, p = 1', async () => {
  const out = JSON.parse(await propo(['eval', '--dataset', join(root, 'tiny'), '--compare', join(root, 'bm25.yaml'), join(root, 'bm25.yaml'), '--json'])) as {
    comparison: { queries: number; metrics: Array<{ metric: string; difference: number; pBootstrap: number; pPermutation: number }> };
  };
  assert.equal(out.comparison.queries, 4);
  const ndcg = out.comparison.metrics.find((m) => m.metric === 'ndcg@10');
  assert.ok(ndcg);
  for (const m of out.comparison.metrics) {
    assert.equal(m.difference, 0, m.metric);
    assert.equal(m.pBootstrap, 1, m.metric);
    assert.equal(m.pPermutation, 1, m.metric);
  }
});

void test('eval --compare with a baseline and two variants compares each variant to the baseline', async () => {
  await writeFile(join(root, 'dense.yaml'), 'retrieval:\n  mode: dense\n');
  const out = JSON.parse(await propo(['eval', '--dataset', join(root, 'tiny'), '--compare', join(root, 'bm25.yaml'), join(root, 'bm25.yaml'), join(root, 'dense.yaml'), '--json'])) as {
    comparisons: Array<{ a: string; b: string; metrics: Array<{ metric: string; meanA: number; meanB: number; difference: number }> }>;
    runs: Array<{ name: string; metrics: Record<string, number> }>;
  };
  assert.deepEqual(out.runs.map((r) => r.name), ['bm25', 'bm25', 'dense']);
  assert.equal(out.comparisons.length, 2);
  const [same, dense] = out.comparisons as [NonNullable<typeof out.comparisons[0]>, NonNullable<typeof out.comparisons[0]>];
  for (const m of same.metrics) assert.equal(m.difference, 0, m.metric);
  const ndcg = dense.metrics.find((m) => m.metric === 'ndcg@10');
  assert.equal(ndcg?.meanA, out.runs[0]?.metrics['ndcg@10']);
  assert.equal(ndcg?.meanB, out.runs[2]?.metrics['ndcg@10']);
  await assert.rejects(propo(['eval', '--dataset', join(root, 'tiny'), '--compare', join(root, 'bm25.yaml')]), /1 !== 0/, 'a single file is refused as a validation error (exit code 1)');
  process.exitCode = 0;
});

void test('eval-compare compares saved runs without re-running them', async () => {
  const dir = join(root, 'data', 'eval-runs');
  const saved = (await readdir(dir)).filter((f) => f.endsWith('-bm25.json')).sort().map((f) => join(dir, f));
  assert.ok(saved.length >= 2, 'earlier tests saved bm25 runs');
  const result = JSON.parse(await propo(['eval-compare', saved[0] as string, saved[1] as string, '--json'], registerEvalCompare)) as {
    comparisons: Array<{ queries: number; metrics: Array<{ metric: string; difference: number }> }>;
  };
  assert.equal(result.comparisons[0]?.queries, 4);
  for (const m of result.comparisons[0]?.metrics ?? []) assert.equal(m.difference, 0, m.metric);
  await writeFile(join(root, 'not-a-run.json'), '{"name":"x"}');
  await assert.rejects(propo(['eval-compare', saved[0] as string, join(root, 'not-a-run.json')], registerEvalCompare), /1 !== 0/, 'a file that is not a saved run is a validation error');
  process.exitCode = 0;
});

void test('--config after the command is the variant, before it the base config', () => {
  assert.deepEqual(splitConfigFlags(['node', 'propo', '--config', 'base.yaml', 'eval', '--config', 'v.yaml'], 'eval'), { base: 'base.yaml', variant: 'v.yaml' });
  assert.deepEqual(splitConfigFlags(['node', 'propo', 'eval', '--config=v.yaml'], 'eval'), { variant: 'v.yaml' });
});

void test('a variant file becomes dotted overrides; mode and titleContext are taken out', async () => {
  await writeFile(join(root, 'variant.yaml'), 'retrieval:\n  mode: dense\n  fusion: weighted\n  denseWeight: 0.3\neval:\n  titleContext: true\n');
  const variant = readVariant(join(root, 'variant.yaml'));
  assert.deepEqual(variant, { name: 'variant', mode: 'dense', titleContext: true, overrides: { 'retrieval.fusion': 'weighted', 'retrieval.denseWeight': 0.3 } });
  assert.equal(readVariant(join(root, 'variant.yaml'), 'bm25').mode, 'bm25');
  assert.throws(() => readVariant(undefined, 'fuzzy'), (error) => isPropoError(error) && error.code === 'PROPO_ERR_VALIDATION');
  assert.throws(() => readVariant(join(root, 'missing.yaml')), (error) => isPropoError(error) && error.code === 'PROPO_ERR_NOT_FOUND');
});

void test('eval --fold i/2 runs disjoint query folds that together are every query (issue 12: 2-fold fitting)', async () => {
  const folds: Summary[] = [];
  for (const fold of ['1/2', '2/2']) folds.push(JSON.parse(await propo(['eval', '--dataset', join(root, 'tiny'), '--config', join(root, 'bm25.yaml'), '--fold', fold, '--json'])) as Summary);
  // sha256 puts q4 (the query BM25 cannot answer) alone in fold 1 and q1–q3 in fold 2.
  assert.deepEqual(queries.map((q) => queryFold(q.id, 2)), [2, 2, 2, 1]);
  assert.deepEqual(folds.map((f) => f.queries), [1, 3]);
  assert.deepEqual(folds.map((f) => f.metrics['ndcg@10']), [0, 1]);
  assert.equal(queryFold('q1', 2), queryFold('q1', 2), 'deterministic');
  assert.deepEqual(parseQueryFold('2/5'), { index: 2, of: 5 });
  for (const bad of ['0/2', '3/2', '1/1', 'a/b']) assert.throws(() => parseQueryFold(bad), (error) => isPropoError(error) && error.code === 'PROPO_ERR_VALIDATION', bad);
});
