/**
 * The implementation of `propo eval` and `propo eval-compare` (registered in eval-command.ts, which loads this
 * module only when one of them runs). See eval-command.ts and docs/evaluation.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { loadConfig, type PropoConfig } from '../../../core/config/index.ts';
import { embedMany } from '../../../core/embed/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { ingestFile, type IngestDeps } from '../../../core/ingest/ingest-file.ts';
import type { RetrievalMode } from '../../../core/retrieval/hybrid-search.ts';
import type { VectorRecord } from '../../../core/domain/index.ts';
import type { Embedder, VectorStore } from '../../../core/ports/index.ts';
import { resolveEmbedder, type DenseKind } from '../../../providers/embedders/resolve-embedder.ts';
import { retrievalSettings } from '../../retrieval-settings.ts';
import { modelDownloadReporter } from '../model-download-bar.ts';
import {
  compareEvaluations, evalSummary, formatComparisonMarkdown, formatEvalRun, loadDataset, parseQueryFold, recommendThreshold, runEvaluation,
  saveEvalRun, summarizeConfidence, type CorpusDocument, type EvalComparison, type EvalDataset, type EvalIndex, type EvalProgress, type EvalRun, type IndexSettings,
} from '../../../core/eval/index.ts';
import { createTxtParser } from '../../../providers/parsers/index.ts';
import { indexedUnits } from '../../../core/retrieval/indexed-units.ts';
import { isRealQuestionsDataset } from '../../../core/eval/real-questions/index.ts';
import { printJson, type CliContext, type GlobalOptions } from '../cli-context.ts';

export interface EvalOptions { dataset: string; documents?: string; config?: string; compare?: string[]; json?: boolean; limit?: string; fold?: string; name?: string; mode?: string; unanswerable?: string }

/**
 * A config variant: config.yaml keys as dotted overrides, plus two eval-only keys:
 * `retrieval.mode` and `eval.titleContext` (index each unit as "title\ntext": an experiment).
 */
interface Variant { name: string; overrides: Record<string, unknown>; mode: RetrievalMode; titleContext: boolean }

const MODES: readonly RetrievalMode[] = ['hybrid', 'dense', 'bm25'];
const KEEP_TARGETS = [0.95, 0.97, 0.98];

/** Runs `propo eval` with its parsed options. */
export async function runEval(program: Command, ctx: CliContext, options: EvalOptions): Promise<number> {
  const globals = program.opts<GlobalOptions>();
  const flags = splitConfigFlags(rawArgs(program), 'eval');
  const variantPath = options.config ?? flags.variant;
  const basePath = flags.variant !== undefined ? flags.base : globals.config;
  const base: Record<string, unknown> = {};
  if (globals.dataDir) base.dataDir = globals.dataDir;
  if (globals.logDir) base.logDir = globals.logDir;
  const load = (variant: Variant) => loadConfig({ overrides: { ...variant.overrides, ...base }, ...(basePath ? { configPath: basePath } : {}) }).config;
  if (isRealQuestionsDataset(options.dataset)) {
    // The real-questions set answers through the app itself: a variant (`eval --config x.yaml`) is applied
    // to the app's configuration; --compare and --fold are for the retrieval datasets.
    if (options.compare || options.fold) throw new PropoError('PROPO_ERR_VALIDATION', 'The real-questions set takes one configuration per run: use --config x.yaml (and a fresh --data-dir per variant) instead of --compare/--fold.');
    const config = variantPath === undefined ? ctx.config() : load(readVariant(variantPath, options.mode));
    return (await import('./eval-real-questions.ts')).evalRealQuestions(ctx, config, { dataset: options.dataset, ...(options.documents ? { documents: options.documents } : {}), ...(options.json ? { json: true } : {}) });
  }
  const limit = options.limit === undefined ? undefined : parsePositiveInt(options.limit, '--limit');
  const fold = options.fold === undefined ? undefined : parseQueryFold(options.fold);
  const dataset = await loadDataset(options.dataset, { ...(limit === undefined ? {} : { limit }), ...(fold ? { fold } : {}) });
  const progress = createProgress(Boolean(options.json));
  const deps: DepsFor = (config, variant, resolved) => ({ openIndex: (dir: string) => openEvalIndex(config, dir, ctx, resolved, variant.titleContext), onProgress: progress });

  if (options.compare) {
    if (options.compare.length < 2) throw new PropoError('PROPO_ERR_VALIDATION', '--compare takes a baseline and at least one variant: --compare a.yaml b.yaml [c.yaml ...].');
    const runs: EvalRun[] = [];
    for (const file of options.compare) {
      const variant = readVariant(file, options.mode);
      const config = load(variant);
      const run = await evaluate(ctx, dataset, variant, config, deps);
      await saveEvalRun(join(config.dataDir, 'eval-runs'), run);
      runs.push(run);
    }
    const comparisons = compareToBaseline(runs);
    if (options.json) printJson({ comparison: comparisons[0], comparisons, runs: runs.map(evalSummary) });
    else process.stdout.write(`${runs.map(formatEvalRun).join('\n\n')}\n\n${comparisons.map(formatComparisonMarkdown).join('\n\n')}\n`);
    return 0;
  }

  const variant = readVariant(variantPath, options.mode, options.name);
  const config = load(variant);
  const run = await evaluate(ctx, dataset, variant, config, deps);
  const saved = await saveEvalRun(join(config.dataDir, 'eval-runs'), run);
  let threshold: Record<string, unknown> | undefined;
  if (options.unanswerable) {
    const foreign = await loadDataset(options.unanswerable, { keepUnjudged: true, ...(limit === undefined ? {} : { limit }) });
    const negative = await evaluate(ctx, dataset, { ...variant, name: `${variant.name}-unanswerable-${foreign.name}` }, config, deps, foreign);
    await saveEvalRun(join(config.dataDir, 'eval-runs'), negative);
    const answerable = run.perQuery.map((o) => o.confidence);
    const unanswerable = negative.perQuery.map((o) => o.confidence);
    threshold = {
      answerable: summarizeConfidence(answerable), unanswerable: summarizeConfidence(unanswerable), unanswerableQueries: foreign.name,
      choices: KEEP_TARGETS.map((keep) => recommendThreshold(answerable, unanswerable, keep)),
    };
  }
  if (options.json) printJson({ ...evalSummary(run), savedTo: saved, ...(threshold ? { threshold } : {}) });
  else {
    process.stdout.write(`${formatEvalRun(run)}\n  saved ${saved}\n`);
    if (threshold) process.stdout.write(`threshold: ${JSON.stringify(threshold, null, 2)}\n`);
  }
  return 0;
}

/** Runs `propo eval-compare` on saved run files. */
export async function runEvalCompare(files: string[], options: { json?: boolean }): Promise<number> {
  if (files.length < 2) throw new PropoError('PROPO_ERR_VALIDATION', 'eval-compare takes a baseline run and at least one other: eval-compare a.json b.json [c.json ...].');
  const runs = files.map(readSavedRun);
  const baseline = runs[0] as EvalRun;
  for (const run of runs) {
    if (run.dataset !== baseline.dataset) throw new PropoError('PROPO_ERR_VALIDATION', `${run.name} was measured on ${run.dataset} but ${baseline.name} on ${baseline.dataset}; compare runs of the same dataset.`);
  }
  const comparisons = compareToBaseline(runs);
  if (options.json) printJson({ comparisons, runs: runs.map(evalSummary) });
  else process.stdout.write(`${comparisons.map(formatComparisonMarkdown).join('\n\n')}\n`);
  return 0;
}

/** Every run after the first compared to the first (the baseline) on their shared queries. */
function compareToBaseline(runs: readonly EvalRun[]): EvalComparison[] {
  const [baseline, ...others] = runs as [EvalRun, ...EvalRun[]];
  return others.map((run) => compareEvaluations(baseline, run));
}

function readSavedRun(file: string): EvalRun {
  if (!existsSync(file)) throw new PropoError('PROPO_ERR_NOT_FOUND', `No saved run at ${file}. Runs are saved under <dataDir>/eval-runs/ by \`bin/propo eval\`.`);
  let run: EvalRun;
  try {
    run = JSON.parse(readFileSync(file, 'utf8')) as EvalRun;
  } catch {
    throw new PropoError('PROPO_ERR_VALIDATION', `${file} is not JSON. Pass a run saved by \`bin/propo eval\`.`);
  }
  if (!Array.isArray(run.perQuery) || typeof run.dataset !== 'string') throw new PropoError('PROPO_ERR_VALIDATION', `${file} is not a saved eval run (no perQuery). Pass a file from <dataDir>/eval-runs/.`);
  return run;
}

type DepsFor = (config: PropoConfig, variant: Variant, embedder: { embedder: Embedder; dense: DenseKind }) => { openIndex: (dir: string) => Promise<EvalIndex>; onProgress: (p: EvalProgress) => void };

async function evaluate(ctx: CliContext, dataset: EvalDataset, variant: Variant, config: PropoConfig, deps: DepsFor, foreignQueries?: EvalDataset): Promise<EvalRun> {
  // The embedder's own name (e.g. hash-v1:1024) keys the cache, so a changed default never reuses a stale index.
  const resolved = ctx.appOverrides.embedder
    ? { embedder: ctx.appOverrides.embedder, dense: ctx.appOverrides.embedderDense ?? 'lexical' as const }
    : await resolveEmbedder(config.embedder, { dataDir: config.dataDir, onProgress: modelDownloadReporter() });
  const { embedder } = resolved;
  const index: IndexSettings = { ...indexSettings(config, embedder), ...(variant.titleContext ? { context: 'title' } : {}) };
  const r = config.retrieval;
  return runEvaluation({
    dataset, name: variant.name, mode: variant.mode, index, cacheRoot: join(config.dataDir, 'eval-cache'), topK: config.topK, candidates: r.candidates,
    ...(foreignQueries ? { queries: foreignQueries.queries } : {}),
    settings: (({ method, denseWeight, bm25Weight, rrfK }) => ({ fusion: method, denseWeight, bm25Weight, rrfK, threshold: r.threshold }))(retrievalSettings(r, resolved.dense)),
  }, deps(config, variant, resolved));
}

/** What the scratch index depends on; the LLM propositionizer only when it is asked for explicitly. */
export function indexSettings(config: PropoConfig, embedder: Embedder): IndexSettings {
  return {
    embedder: `${embedder.name}:${embedder.dimensions}:${config.embedder.baseUrl ?? ''}`,
    unit: indexedUnits(config.retrieval).join('+'),
    propositionizer: config.propositionizer === 'llm' ? `llm:${config.llm.provider}:${config.llm.model}` : 'rule',
  };
}

/** The configuration of a scratch eval index in `dir`: its own data dir, namespace `eval`, no answering LLM. */
export function evalScratchConfig(config: PropoConfig, dir: string): PropoConfig {
  return {
    ...config, dataDir: dir, logDir: join(dir, 'logs'), namespace: 'eval',
    llm: config.propositionizer === 'llm' ? config.llm : { ...config.llm, provider: 'none' },
  };
}

async function openEvalIndex(config: PropoConfig, dir: string, ctx: CliContext, resolved: { embedder: Embedder; dense: DenseKind }, titleContext: boolean): Promise<EvalIndex> {
  const scratch = evalScratchConfig(config, dir);
  const { propositionizer } = ctx.appOverrides;
  const { createApp } = await import('../../compose.ts');
  const app = await createApp(scratch, { exposeMetrics: false, embedder: resolved.embedder, embedderDense: resolved.dense, ...(propositionizer ? { propositionizer } : {}) });
  const parser = createTxtParser();
  const titles = new Map<string, string>();
  const context = (file: string) => (titleContext ? `${titles.get(file) ?? ''}\n` : '');
  const vectors = bufferUpserts(app.vectors, UPSERT_BUFFER_RECORDS, (record) => ({ ...record, text: `${context(record.file)}${record.text}` }));
  const deps: IngestDeps = {
    repository: app.documents, vectors, embedder: app.embedder, propositionizer: app.propositionizer,
    filesDir: join(dir, 'files'), namespace: scratch.namespace, units: indexedUnits(scratch.retrieval),
    detect: () => 'txt',
    parse: (bytes, options) => parser.parse(bytes, { fileName: options.fileName, ...(options.signal ? { signal: options.signal } : {}) }),
    embed: (texts, options) => embedMany(app.embedder, texts, options.signal ? { signal: options.signal } : {}),
  };
  const encoder = new TextEncoder();
  return {
    // Without title context the corpus goes through the ingestion users run (`bin/propo ingest`):
    // type detection, the parse worker pool, batched writes. Title context rewrites indexed texts,
    // which only the scratch pipeline below can do.
    ...(titleContext ? {} : {
      ingestAll: (documents: CorpusDocument[], onDone: (done: number) => void) => {
        let done = 0;
        return app.ingestMany(documents.map((document) => () => Promise.resolve({ fileName: document.fileName, bytes: encoder.encode(document.text) })), { onResult: () => onDone(++done) });
      },
    }),
    ingest: (document) => {
      titles.set(document.fileName, document.text.slice(0, Math.max(0, document.bodyOffset - 2)));
      const prefix = context(document.fileName);
      const embed: IngestDeps['embed'] = (texts, options) => embedMany(app.embedder, texts.map((t) => `${prefix}${t}`), options.signal ? { signal: options.signal } : {});
      return ingestFile({ ...deps, embed }, { fileName: document.fileName, bytes: encoder.encode(document.text) });
    },
    async finishIngest() {
      await vectors.flush();
      // Merge every row into the BM25 index once, instead of scanning unindexed rows on each query.
      const store = app.vectors as { optimize?: () => Promise<void> };
      if (typeof store.optimize === 'function') await store.optimize();
    },
    retrieve: (query, options) => app.retrieve(query, options),
    close: () => app.close(),
  };
}

/** Records per LanceDB write while ingesting a corpus (one mergeInsert per file made SciFact take ~30 min). */
const UPSERT_BUFFER_RECORDS = 20_000;

/**
 * The store with `upsert` buffered: rows are written every `size` records and on `flush()`.
 * This gives up ingestFile's "vectors before commit" order, which is acceptable only for the
 * scratch index: its manifest is written after the final flush, and a cache folder without a
 * manifest is deleted and rebuilt.
 */
function bufferUpserts(store: VectorStore, size: number, transform: (record: VectorRecord) => VectorRecord): VectorStore & { flush(): Promise<void> } {
  let buffer: VectorRecord[] = [];
  const flush = async () => {
    const batch = buffer;
    buffer = [];
    if (batch.length > 0) await store.upsert(batch);
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'flush') return flush;
      if (property === 'upsert') {
        return async (records: VectorRecord[]) => {
          buffer.push(...records.map(transform));
          if (buffer.length >= size) await flush();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as VectorStore & { flush(): Promise<void> };
}

/** Reads a YAML variant into dotted overrides; `retrieval.mode` is taken out (it is not a config key). */
export function readVariant(file: string | undefined, modeFlag?: string, name?: string): Variant {
  const overrides: Record<string, unknown> = {};
  let mode: unknown = modeFlag;
  let titleContext = false;
  if (file !== undefined) {
    const path = resolve(file);
    if (!existsSync(path)) throw new PropoError('PROPO_ERR_NOT_FOUND', `Config variant ${path} does not exist. Pass a YAML file such as eval/configs/hybrid-rrf.yaml.`);
    const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new PropoError('PROPO_ERR_VALIDATION', `${path} is not a YAML mapping. Use the keys of config.yaml.`);
    flatten((parsed ?? {}) as Record<string, unknown>, '', overrides);
    if (mode === undefined) mode = overrides['retrieval.mode'];
    titleContext = overrides['eval.titleContext'] === true;
    delete overrides['retrieval.mode'];
    delete overrides['eval.titleContext'];
  }
  mode ??= 'hybrid';
  if (!MODES.includes(mode as RetrievalMode)) throw new PropoError('PROPO_ERR_VALIDATION', `retrieval.mode must be hybrid, dense or bm25 (got ${String(mode)}).`);
  return { name: name ?? (file ? basename(file, extname(file)) : 'default'), overrides, mode: mode as RetrievalMode, titleContext };
}

function flatten(tree: Record<string, unknown>, prefix: string, out: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) flatten(value as Record<string, unknown>, path, out);
    else out[path] = value;
  }
}

/**
 * Commander reads a program option anywhere on the line, so `eval --config x` lands in the global
 * `--config`. From the raw arguments: a `--config` after the command name is the variant, one
 * before it is the base config.
 */
export function splitConfigFlags(argv: readonly string[], commandName: string): { base?: string; variant?: string } {
  const at = argv.indexOf(commandName);
  const out: { base?: string; variant?: string } = {};
  argv.forEach((arg, index) => {
    const value = arg === '--config' ? argv[index + 1] : arg.startsWith('--config=') ? arg.slice('--config='.length) : undefined;
    if (value === undefined) return;
    if (at >= 0 && index > at) out.variant = value;
    else out.base = value;
  });
  return out;
}

function rawArgs(program: Command): string[] {
  const raw = (program as unknown as { rawArgs?: unknown }).rawArgs;
  return Array.isArray(raw) ? raw.filter((a): a is string => typeof a === 'string') : [];
}

function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new PropoError('PROPO_ERR_VALIDATION', `${flag} must be a positive integer (got ${value}).`);
  return n;
}

/** Progress on stderr: a live line on a terminal (files/s, ETA); otherwise a line every 10%. */
function createProgress(quiet: boolean): (progress: EvalProgress) => void {
  const tty = Boolean(process.stderr.isTTY);
  let started = 0;
  let phase = '';
  let lastDraw = 0;
  let lastDecile = -1;
  return (p) => {
    const now = Date.now();
    if (p.phase !== phase) { phase = p.phase; started = now; lastDecile = -1; }
    const seconds = Math.max(0.001, (now - started) / 1000);
    const rate = p.done / seconds;
    const eta = rate > 0 ? Math.round((p.total - p.done) / rate) : 0;
    const unit = p.phase === 'ingest' ? 'files' : 'queries';
    const line = `${p.phase} ${p.done}/${p.total} ${unit} · ${rate.toFixed(1)} ${unit}/s · ETA ${eta}s`;
    if (tty) {
      if (now - lastDraw < 100 && p.done < p.total) return;
      lastDraw = now;
      process.stderr.write(`\r\x1b[2K${line}${p.done === p.total ? '\n' : ''}`);
    } else if (!quiet || p.phase === 'ingest') {
      const decile = Math.floor((p.done / Math.max(1, p.total)) * 10);
      if (p.phase === 'ingest' && decile !== lastDecile) { lastDecile = decile; process.stderr.write(`${line}\n`); }
    }
  };
}
