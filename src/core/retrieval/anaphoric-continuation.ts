/**
 * A matched sentence's evidence carried to its continuation (issue 12 item 1, decision 0150): when the sentence of a
 * paragraph that best matches the question is followed by one opening with a pronoun or demonstrative ("He is also
 * the oldest quarterback ever … at age 39." after "Peyton Manning became …"), the continuation is about what the
 * matched sentence names, so it takes `weight` × the matched sentence's question-match evidence (the lexical answer
 * features and the proposition search's score) where its own is lower. The other features (answer type, novelty,
 * length, position, question shape) are its own, so the continuation wins only when they favour it.
 *
 * Unlike `answerContext.anaphora` (decision 0133: every anaphoric sentence inherits its predecessor's terms), only the
 * continuation of each paragraph's best-scoring sentence is changed, and at the level of the features, not the terms.
 */
import type { AnswerFeature } from './answer-features.ts';
import { opensWithAnaphor } from './answer-features.ts';
import { candidateFeatures, NO_ANSWER_CONTEXT, scoreFeatures, type AnswerContextOptions, type AnswerWeights, type SelectionGroup } from './select-answer-propositions.ts';

export interface AnswerContinuationOptions {
  /** Share (0–1) of the matched sentence's question-match evidence its anaphoric continuation takes; 0 = off. */
  weight: number;
}

/** The features that say how well a sentence matches the question's words (carried); the rest stay the sentence's own. */
export const MATCH_FEATURES: readonly AnswerFeature[] = ['bm25', 'idfOverlap', 'coverage', 'softOverlap', 'bigrams', 'proximity', 'searchScore', 'inSearch'];

type Row = Record<AnswerFeature, number>;

/**
 * Feature rows with each paragraph's best sentence's continuation raised: row[f] = max(row[f], weight · best[f]) for
 * the match features. `rows` has the shape of `groups`; the input is not changed.
 */
export function carryToContinuation(groups: readonly SelectionGroup[], rows: readonly (readonly Row[])[], weights: AnswerWeights, options: AnswerContinuationOptions): Row[][] {
  return groups.map((group, g) => {
    const own = (rows[g] ?? []).map((row) => ({ ...row }));
    if (options.weight <= 0 || own.length < 2) return own;
    let best = 0;
    own.forEach((row, i) => { if (scoreFeatures(row, weights) > scoreFeatures(own[best] as Row, weights)) best = i; });
    const matched = group.candidates[best];
    const next = group.candidates.findIndex((c) => matched !== undefined && c.position === matched.position + 1);
    if (next < 0 || !opensWithAnaphor(group.candidates[next]?.record.text ?? '')) return own;
    const from = own[best] as Row;
    const to = own[next] as Row;
    for (const f of MATCH_FEATURES) to[f] = Math.max(to[f], options.weight * from[f]);
    return own;
  });
}

/** The cite-across answer scorer (cite-across-paragraphs.ts `AnswerScorer`) with the continuation carried. */
export function continuationScorer(weights: AnswerWeights, context: AnswerContextOptions = NO_ANSWER_CONTEXT, options: AnswerContinuationOptions = { weight: 0 }) {
  return (query: string, groups: readonly SelectionGroup[]): number[][] => carryToContinuation(groups, candidateFeatures(query, groups, context), weights, options)
    .map((rows) => rows.map((row) => scoreFeatures(row, weights)));
}
