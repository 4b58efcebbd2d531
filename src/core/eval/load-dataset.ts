/**
 * Loads a BEIR-style dataset folder: corpus.jsonl, queries.jsonl, qrels.jsonl and, when present,
 * answers.jsonl (gold spans in corpus-text offsets). Queries without a qrel are dropped, since no
 * ranking metric applies to them. `fold` keeps one deterministic share of them (2-fold fitting: fit
 * on one fold, report the other); `limit` keeps the first N of the remaining queries (file order).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PropoError } from '../errors/index.ts';
import type { AnswerSpan, CorpusRecord, EvalDataset, QueryRecord } from './eval-types.ts';

export interface LoadDatasetOptions {
  limit?: number;
  /** Keep queries that have no qrel (for unanswerable-query runs). Default false. */
  keepUnjudged?: boolean;
  /** Keep only the queries of one fold (deterministic by query id, see `queryFold`), e.g. fold 1 of 2. */
  fold?: QueryFold;
}

/** Fold `index` (1-based) of `of`: a query belongs to fold (sha256(id) mod of) + 1. */
export interface QueryFold { index: number; of: number }

/** The fold (1-based) a query id falls in: stable across runs and machines, independent of file order. */
export function queryFold(queryId: string, of: number): number {
  return (createHash('sha256').update(queryId).digest().readUInt32BE(0) % of) + 1;
}

/** Parses `--fold i/n` (1 ≤ i ≤ n, 2 ≤ n ≤ 100). */
export function parseQueryFold(value: string): QueryFold {
  const match = /^(\d+)\/(\d+)$/u.exec(value.trim());
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  if (!match || of < 2 || of > 100 || index < 1 || index > of) throw new PropoError('PROPO_ERR_VALIDATION', `--fold must look like 1/2 (fold i of n, 1 ≤ i ≤ n, 2 ≤ n ≤ 100); got ${value}.`);
  return { index, of };
}

function parseLines(text: string, file: string): Record<string, unknown>[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line, index) => {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      return value as Record<string, unknown>;
    } catch (error) {
      throw new PropoError('PROPO_ERR_VALIDATION', `${file} line ${index + 1} is not a JSON object (${(error as Error).message}). Fix the dataset file.`);
    }
  });
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

async function readJsonl(dir: string, name: string, required: boolean): Promise<{ records: Record<string, unknown>[]; bytes: Buffer | null }> {
  const file = join(dir, name);
  if (!existsSync(file)) {
    if (required) throw new PropoError('PROPO_ERR_NOT_FOUND', `${file} does not exist. A dataset folder needs corpus.jsonl, queries.jsonl and qrels.jsonl.`);
    return { records: [], bytes: null };
  }
  const bytes = await readFile(file);
  return { records: parseLines(bytes.toString('utf8'), file), bytes };
}

export async function loadDataset(dirPath: string, options: LoadDatasetOptions = {}): Promise<EvalDataset> {
  const dir = resolve(dirPath);
  const corpusFile = await readJsonl(dir, 'corpus.jsonl', true);
  const corpus: CorpusRecord[] = corpusFile.records.map((r) => ({ id: str(r.id), title: str(r.title), text: str(r.text) }));
  const queryRecords: QueryRecord[] = (await readJsonl(dir, 'queries.jsonl', true)).records.map((r) => ({ id: str(r.id), text: str(r.text) }));
  const qrels = new Map<string, Map<string, number>>();
  for (const r of (await readJsonl(dir, 'qrels.jsonl', true)).records) {
    const relevance = Number(r.relevance ?? 1);
    if (!(relevance > 0)) continue;
    const queryId = str(r.query_id);
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(str(r.doc_id), relevance);
    qrels.set(queryId, judged);
  }
  const answers = new Map<string, AnswerSpan[]>();
  for (const r of (await readJsonl(dir, 'answers.jsonl', false)).records) {
    const queryId = str(r.query_id);
    const spans = answers.get(queryId) ?? [];
    spans.push({ documentId: str(r.doc_id), start: Number(r.start), end: Number(r.end) });
    answers.set(queryId, spans);
  }
  let queries = options.keepUnjudged ? queryRecords : queryRecords.filter((q) => qrels.has(q.id));
  const { fold } = options;
  if (fold) queries = queries.filter((q) => queryFold(q.id, fold.of) === fold.index);
  if (options.limit !== undefined) queries = queries.slice(0, options.limit);
  return {
    name: basename(dir), dir, corpus, queries, qrels, answers,
    corpusSha256: createHash('sha256').update(corpusFile.bytes ?? '').digest('hex'),
  };
}
