/**
 * Types of the evaluation harness: a BEIR-style dataset (corpus, queries, graded qrels, optional
 * gold answer spans) and what one evaluation run records per query and in aggregate.
 */
import type { RetrievalMode } from '../retrieval/hybrid-search.ts';

/** One corpus line `{id, title, text}`. */
export interface CorpusRecord { id: string; title: string; text: string }

/** One query line `{id, text}`. */
export interface QueryRecord { id: string; text: string }

/** A gold span in corpus-text offsets: `corpus.text.slice(start, end) === answer`. */
export interface AnswerSpan { documentId: string; start: number; end: number }

/** A loaded dataset. `qrels` maps query id → (corpus doc id → graded relevance > 0). */
export interface EvalDataset {
  name: string;
  dir: string;
  corpus: CorpusRecord[];
  queries: QueryRecord[];
  qrels: Map<string, Map<string, number>>;
  /** Query id → gold spans; empty when the dataset has no answers.jsonl. */
  answers: Map<string, AnswerSpan[]>;
  /** sha256 of corpus.jsonl, part of the ingestion cache key. */
  corpusSha256: string;
}

/** A retrieved unit mapped back to the corpus: doc id and its span in corpus-text offsets. */
export interface CorpusHit { documentId: string; start: number; end: number; score: number }

/** Per-query metric values (keys like `ndcg@10`, `recall@100`, `citationSpanAccuracy`); null = not applicable. */
export type MetricValues = Record<string, number | null>;

/** What one query produced. */
export interface QueryOutcome {
  queryId: string;
  /** Corpus doc ids, best first (a document ranks at its best unit). Truncated to 10 to keep saved runs small. */
  rankedDocuments: string[];
  metrics: MetricValues;
  /** `RetrievalResult.confidence`, compared to `retrieval.threshold` by the answerer. */
  confidence: number;
  latencyMs: number;
}

/** The saved and printed result of one evaluation run. */
export interface EvalRun {
  name: string;
  dataset: string;
  datasetDir: string;
  queries: number;
  mode: RetrievalMode;
  /** Retrieval-relevant settings the run used. */
  settings: Record<string, unknown>;
  /** Means over the queries each metric applies to. */
  metrics: Record<string, number | null>;
  latencyMs: { p50: number; p95: number };
  ingestion: { cached: boolean; cacheDir: string; documents: number; failed: number; seconds: number };
  startedAt: string;
  perQuery: QueryOutcome[];
}
