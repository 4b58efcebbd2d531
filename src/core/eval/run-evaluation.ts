/**
 * Runs one evaluation: makes sure the dataset's corpus is indexed (a scratch index under
 * `<cacheRoot>/<key>`, reused when its manifest says ingestion completed), sends every query
 * through retrieval, maps the ranked units back to corpus documents and spans, and computes
 * the metrics. The index itself is opened through `deps.openIndex`, so core stays free of the
 * composition root.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RetrievalMode, RetrievalResult } from '../retrieval/hybrid-search.ts';
import { toCorpusDocument, type CorpusDocument } from './corpus-document.ts';
import { evalCacheKey, type IndexSettings } from './eval-cache-key.ts';
import type { CorpusHit, EvalDataset, EvalRun, MetricValues, QueryOutcome, QueryRecord } from './eval-types.ts';
import { percentile } from './percentile.ts';
import { rankDocuments } from './rank-documents.ts';
import { rankingMetrics } from './retrieval-metrics.ts';
import { spansOverlapRationale, topSpanContainsAnswer } from './span-accuracy.ts';

/** The retrieval system under evaluation, opened on one scratch data directory. */
export interface EvalIndex {
  ingest(document: CorpusDocument): Promise<{ status: 'ingested' | 'unchanged' | 'failed'; error?: { code: string; message: string } }>;
  /** Called once after the last document (e.g. to flush buffers or optimise indices). */
  finishIngest?(): Promise<void>;
  retrieve(query: string, options: { k: number; mode: RetrievalMode; candidates: number }): Promise<RetrievalResult>;
  close(): Promise<void>;
}

export interface EvalProgress { phase: 'ingest' | 'query'; done: number; total: number }

export interface RunEvaluationDeps {
  openIndex(dataDir: string): Promise<EvalIndex>;
  onProgress?(progress: EvalProgress): void;
}

export interface RunEvaluationOptions {
  dataset: EvalDataset;
  name: string;
  mode: RetrievalMode;
  /** What the index depends on (cache key). */
  index: IndexSettings;
  /** `<dataDir>/eval-cache` */
  cacheRoot: string;
  /** TOP_K: how many cited spans `citationSpanOverlap` looks at. */
  topK: number;
  /** Candidates per list; raised to `depth` so a single-list mode can fill the ranking. */
  candidates: number;
  /** Units retrieved per query (default 100). */
  depth?: number;
  /** Documents ingested concurrently (default 8). */
  concurrency?: number;
  /** Queries to run instead of the dataset's (e.g. another dataset's, for unanswerable queries). */
  queries?: QueryRecord[];
  /** Recorded in the run as-is. */
  settings?: Record<string, unknown>;
}

interface Manifest { key: string; dataset: string; corpusSha256: string; documents: number; failed: number; seconds: number; createdAt: string }

const MANIFEST = 'eval-manifest.json';

export async function runEvaluation(options: RunEvaluationOptions, deps: RunEvaluationDeps): Promise<EvalRun> {
  const startedAt = new Date().toISOString();
  const { dataset } = options;
  const key = evalCacheKey(dataset.dir, dataset.corpusSha256, options.index);
  const cacheDir = join(options.cacheRoot, key);
  const documents = dataset.corpus.map(toCorpusDocument);
  const byFile = new Map(documents.map((d) => [d.fileName, d]));

  const manifest = await readManifest(cacheDir, key);
  // A folder without a manifest is a run that stopped half-way: start it again from nothing.
  if (!manifest && existsSync(cacheDir)) await rm(cacheDir, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  const index = await deps.openIndex(cacheDir);
  try {
    const ingestion = manifest ?? await ingestCorpus(index, documents, cacheDir, key, options, deps);
    const queries = options.queries ?? dataset.queries;
    const depth = options.depth ?? 100;
    const outcomes: QueryOutcome[] = [];
    for (const query of queries) {
      const t0 = performance.now();
      const result = await index.retrieve(query.text, { k: depth, mode: options.mode, candidates: Math.max(options.candidates, depth) });
      const latencyMs = performance.now() - t0;
      outcomes.push(scoreQuery(query, result, latencyMs, byFile, dataset, options.topK));
      deps.onProgress?.({ phase: 'query', done: outcomes.length, total: queries.length });
    }
    return {
      name: options.name, dataset: dataset.name, datasetDir: dataset.dir, queries: outcomes.length, mode: options.mode,
      settings: { ...options.settings, mode: options.mode, unit: options.index.unit, embedder: options.index.embedder, propositionizer: options.index.propositionizer, topK: options.topK, depth, candidates: Math.max(options.candidates, depth) },
      metrics: meanMetrics(outcomes),
      latencyMs: { p50: percentile(outcomes.map((o) => o.latencyMs), 50), p95: percentile(outcomes.map((o) => o.latencyMs), 95) },
      ingestion: { cached: manifest !== null, cacheDir, documents: ingestion.documents, failed: ingestion.failed, seconds: ingestion.seconds },
      startedAt, perQuery: outcomes,
    };
  } finally {
    await index.close();
  }
}

async function readManifest(cacheDir: string, key: string): Promise<Manifest | null> {
  const file = join(cacheDir, MANIFEST);
  if (!existsSync(file)) return null;
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    return manifest.key === key ? manifest : null;
  } catch {
    return null;
  }
}

async function ingestCorpus(index: EvalIndex, documents: CorpusDocument[], cacheDir: string, key: string, options: RunEvaluationOptions, deps: RunEvaluationDeps): Promise<Manifest> {
  const t0 = performance.now();
  const concurrency = Math.max(1, options.concurrency ?? 8);
  let done = 0;
  let failed = 0;
  for (let offset = 0; offset < documents.length; offset += concurrency) {
    const batch = documents.slice(offset, offset + concurrency);
    const results = await Promise.all(batch.map((document) => index.ingest(document)));
    failed += results.filter((r) => r.status === 'failed').length;
    done += batch.length;
    deps.onProgress?.({ phase: 'ingest', done, total: documents.length });
  }
  await index.finishIngest?.();
  const manifest: Manifest = {
    key, dataset: options.dataset.dir, corpusSha256: options.dataset.corpusSha256, documents: documents.length - failed, failed,
    seconds: (performance.now() - t0) / 1000, createdAt: new Date().toISOString(),
  };
  await writeFile(join(cacheDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function scoreQuery(query: QueryRecord, result: RetrievalResult, latencyMs: number, byFile: Map<string, CorpusDocument>, dataset: EvalDataset, topK: number): QueryOutcome {
  const hits: CorpusHit[] = result.hits.flatMap((hit) => {
    const document = byFile.get(hit.record.file);
    // Only page 1 exists (the corpus has no form feeds); anything else cannot map back.
    if (!document || hit.record.page !== 1) return [];
    return [{ documentId: document.corpusId, start: hit.record.start - document.bodyOffset, end: hit.record.end - document.bodyOffset, score: hit.score }];
  });
  const ranked = rankDocuments(hits);
  const relevance = dataset.qrels.get(query.id);
  const gold = dataset.answers.get(query.id) ?? [];
  const metrics: MetricValues = relevance ? rankingMetrics(ranked, relevance) : {};
  metrics.citationSpanAccuracy = topSpanContainsAnswer(hits, gold);
  metrics['citationSpanAccuracy@3'] = topSpanContainsAnswer(hits, gold, 3);
  metrics.citationSpanOverlap = spansOverlapRationale(hits, gold, topK);
  metrics.documentsRetrieved = ranked.length;
  return { queryId: query.id, rankedDocuments: ranked.slice(0, 10), metrics, confidence: result.confidence, latencyMs };
}

/** Mean of each metric over the queries where it is not null; null when it applies to none. */
export function meanMetrics(outcomes: readonly QueryOutcome[]): Record<string, number | null> {
  const keys = new Set(outcomes.flatMap((o) => Object.keys(o.metrics)));
  const out: Record<string, number | null> = {};
  for (const key of [...keys].sort()) {
    const values = outcomes.map((o) => o.metrics[key]).filter((v): v is number => typeof v === 'number');
    out[key] = values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
  }
  return out;
}
