/** Evaluation harness: metrics, significance tests, dataset loading, runner and reports. */
export type { AnswerSpan, CorpusHit, CorpusRecord, EvalDataset, EvalRun, MetricValues, QueryOutcome, QueryRecord } from './eval-types.ts';
export { hitAt, recallAt, reciprocalRankAt, ndcgAt, rankingMetrics, RANK_CUTOFFS } from './retrieval-metrics.ts';
export { rankDocuments } from './rank-documents.ts';
export { topSpanContainsAnswer, spansOverlapRationale } from './span-accuracy.ts';
export { percentile } from './percentile.ts';
export { seededRandom } from './seeded-random.ts';
export { pairedTest, type PairedTestOptions, type PairedTestResult } from './paired-significance.ts';
export { loadDataset, parseQueryFold, queryFold, type LoadDatasetOptions, type QueryFold } from './load-dataset.ts';
export { toCorpusDocument, type CorpusDocument } from './corpus-document.ts';
export { evalCacheKey, type IndexSettings } from './eval-cache-key.ts';
export { runEvaluation, meanMetrics, type EvalIndex, type EvalProgress, type RunEvaluationDeps, type RunEvaluationOptions } from './run-evaluation.ts';
export { compareEvaluations, COMPARED_METRICS, type EvalComparison, type MetricComparison } from './compare-evaluations.ts';
export { recommendThreshold, summarizeConfidence, type ThresholdChoice, type ConfidenceSummary } from './recommend-threshold.ts';
export { evalSummary, formatEvalRun, formatComparisonMarkdown } from './format-eval-report.ts';
export { saveEvalRun } from './save-eval-run.ts';
