/**
 * Chooses the "No strong match found." threshold from confidence samples: for a target share of
 * answerable queries to keep, the threshold is the largest value that keeps at least that share
 * (answerable confidences ≥ threshold); it reports the share of unanswerable queries it rejects
 * (confidence < threshold).
 */
import { percentile } from './percentile.ts';

export interface ThresholdChoice { keep: number; threshold: number; answerableKept: number; unanswerableRejected: number }

export interface ConfidenceSummary { n: number; p5: number; p25: number; p50: number; p75: number; p95: number }

export function summarizeConfidence(values: readonly number[]): ConfidenceSummary {
  return { n: values.length, p5: percentile(values, 5), p25: percentile(values, 25), p50: percentile(values, 50), p75: percentile(values, 75), p95: percentile(values, 95) };
}

export function recommendThreshold(answerable: readonly number[], unanswerable: readonly number[], keep: number): ThresholdChoice {
  const sorted = [...answerable].sort((a, b) => a - b);
  // Dropping at most floor((1 − keep)·n) answerable queries: the threshold is the next value up.
  const drop = Math.floor((1 - keep) * sorted.length + 1e-9);
  const threshold = sorted[Math.min(drop, sorted.length - 1)] ?? 0;
  const share = (values: readonly number[], test: (v: number) => boolean) => (values.length === 0 ? 0 : values.filter(test).length / values.length);
  return { keep, threshold, answerableKept: share(answerable, (v) => v >= threshold), unanswerableRejected: share(unanswerable, (v) => v < threshold) };
}
