/**
 * Listwise logistic regression (softmax over a group's candidates, the positive candidates as the
 * target distribution) with L2, fitted by full-batch gradient descent. Returns weights per feature.
 */
import { ANSWER_FEATURES, type AnswerFeature } from '../../src/core/retrieval/answer-features.ts';
import type { AnswerWeights } from '../../src/core/retrieval/select-answer-propositions.ts';

export interface TrainingGroup { rows: Array<Record<AnswerFeature, number>>; labels: number[] }

export function fitListwise(groups: readonly TrainingGroup[], l2: number, iterations = 3000, rate = 2): AnswerWeights {
  const features = ANSWER_FEATURES.filter((f) => f !== 'bias');
  const w = new Float64Array(features.length);
  const matrices = groups.map((g) => g.rows.map((row) => features.map((f) => row[f])));
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(features.length);
    groups.forEach((g, gi) => {
      const x = matrices[gi] as number[][];
      const z = x.map((row) => row.reduce((s, v, j) => s + v * (w[j] as number), 0));
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((s, v) => s + v, 0);
      const positives = g.labels.reduce((s, v) => s + v, 0);
      x.forEach((row, i) => {
        const coefficient = (e[i] as number) / sum - (g.labels[i] as number) / positives;
        row.forEach((v, j) => { grad[j] = (grad[j] as number) + coefficient * v; });
      });
    });
    for (let j = 0; j < features.length; j++) w[j] = (w[j] as number) - rate * ((grad[j] as number) / Math.max(1, groups.length) + l2 * (w[j] as number));
  }
  return Object.fromEntries(features.map((f, j) => [f, Number((w[j] as number).toFixed(4))]));
}
