/**
 * `propo eval --dataset <real-questions folder>`: the real files go through `app.ingest` (the
 * production ingestion: parse workers, propositions, embeddings, store) into a scratch data dir
 * `<dataDir>/eval-cache/real-questions-<key>` (re-runs find every file unchanged), every gold
 * substring is checked against the stored page text, then every question and conversation is
 * answered by `app.ask` — extractive (no LLM) and, when an LLM is configured, with it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PropoConfig } from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import {
  formatRealQuestionsRuns, goldLocations, goldProblems, loadRealQuestions, runRealQuestions,
  type RealQuestionsDataset, type RealQuestionsRun,
} from '../../../core/eval/real-questions/index.ts';
import { indexedUnits } from '../../../core/retrieval/indexed-units.ts';
import { createApp, type PropoApp } from '../../compose.ts';
import { printJson, type CliContext } from '../cli-context.ts';

export interface RealQuestionsOptions { dataset: string; documents?: string; json?: boolean }

/** The scratch data dir: one per embedder, indexed units and dataset (the propositionizer is always the rule one). */
function scratchDir(config: PropoConfig, dataset: RealQuestionsDataset): string {
  const material = JSON.stringify({ v: 1, dir: dataset.dir, documents: dataset.documents, embedder: config.embedder, units: indexedUnits(config.retrieval) });
  return join(config.dataDir, 'eval-cache', `real-questions-${createHash('sha256').update(material).digest('hex').slice(0, 16)}`);
}

function scratchConfig(config: PropoConfig, dir: string, withLlm: boolean): PropoConfig {
  return { ...config, dataDir: dir, logDir: join(dir, 'logs'), namespace: 'eval', propositionizer: 'rule', llm: withLlm ? config.llm : { ...config.llm, provider: 'none' } };
}

async function ingestDocuments(app: PropoApp, dataset: RealQuestionsDataset, quiet: boolean): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const failed: string[] = [];
  for (const [index, document] of dataset.documents.entries()) {
    const path = join(dataset.documentsRoot, document);
    const result = await app.ingest({ fileName: basename(document), bytes: await readFile(path), sourcePath: path });
    if (result.status === 'failed') failed.push(`${document}: ${result.error?.code ?? 'failed'}`);
    else ids.set(document, result.id);
    if (!quiet) process.stderr.write(`ingest ${index + 1}/${dataset.documents.length} ${document} ${result.status}\n`);
  }
  if (failed.length > 0 && !quiet) process.stderr.write(`not ingested (their questions count as misses):\n  ${failed.join('\n  ')}\n`);
  return ids;
}

function verifyGold(app: PropoApp, dataset: RealQuestionsDataset, ids: Map<string, string>): void {
  const pageText = (document: string, page: number): string | null => {
    const id = ids.get(document);
    return id ? (app.documents.pages(id).find((p) => p.number === page)?.text ?? null) : null;
  };
  const problems = goldProblems(goldLocations(dataset), pageText);
  if (problems.length > 0) throw new PropoError('PROPO_ERR_VALIDATION', `Gold substrings not found in the stored page text:\n- ${problems.join('\n- ')}\nCopy each gold substring from \`bin/propo docs show <id> --json\`.`);
}

async function answerAll(app: PropoApp, dataset: RealQuestionsDataset, ids: Map<string, string>, answerer: string, quiet: boolean): Promise<RealQuestionsRun> {
  return runRealQuestions(dataset, answerer, {
    ask: (question, history) => app.ask(question, { history }),
    ids: (document) => ids.get(document) ?? null,
    onProgress: (done, total) => { if (!quiet && (done % 20 === 0 || done === total)) process.stderr.write(`${answerer} ${done}/${total}\n`); },
  });
}

/** Runs the dataset; prints the table (or JSON) and saves the runs under `<dataDir>/eval-runs/`. */
export async function evalRealQuestions(ctx: CliContext, config: PropoConfig, options: RealQuestionsOptions): Promise<number> {
  const dataset = await loadRealQuestions(options.dataset, options.documents);
  const quiet = Boolean(options.json);
  const dir = scratchDir(config, dataset);
  const runs: RealQuestionsRun[] = [];
  const open = (withLlm: boolean) => createApp(scratchConfig(config, dir, withLlm), { exposeMetrics: false, ...(ctx.appOverrides.embedder ? { embedder: ctx.appOverrides.embedder } : {}) });
  const offline = await open(false);
  let ids: Map<string, string>;
  try {
    await offline.recover();
    ids = await ingestDocuments(offline, dataset, quiet);
    verifyGold(offline, dataset, ids);
    runs.push(await answerAll(offline, dataset, ids, 'extractive', quiet));
  } finally {
    await offline.close();
  }
  if (config.llm.provider !== 'none') {
    const withLlm = await open(true);
    try {
      runs.push(await answerAll(withLlm, dataset, ids, `llm:${config.llm.model}`, quiet));
    } finally {
      await withLlm.close();
    }
  }
  const saved = join(config.dataDir, 'eval-runs', `${dataset.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(config.dataDir, 'eval-runs'), { recursive: true });
  writeFileSync(saved, `${JSON.stringify({ dataset: dataset.name, documents: dataset.documents.length, runs }, null, 2)}\n`);
  if (options.json) printJson({ dataset: dataset.name, savedTo: saved, runs: runs.map((r) => ({ answerer: r.answerer, metrics: r.metrics })) });
  else process.stdout.write(`${formatRealQuestionsRuns(dataset.name, runs)}\n  saved ${saved}\n`);
  return 0;
}
