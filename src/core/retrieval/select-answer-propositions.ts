/**
 * Which of a ranked paragraph's propositions is cited first: the answer-sentence selector.
 * - `search`: the propositions the proposition-level search ranked, in that order, else the one
 *   covering most query terms (the behaviour before issue 12).
 * - `features`: a logistic-regression score over text features (answer-features.ts), fitted 2-fold
 *   on XQuAD (bench/answer-selection/fit-answer-selector.ts, docs/evaluation.md); every proposition of the
 *   paragraph competes.
 */
import type { VectorRecord } from '../domain/index.ts';
import { analyseQuery, ANSWER_FEATURES, answerFeatures, contentStems, opensWithAnaphor, poolStats, type AnswerFeature, type InheritedTerms } from './answer-features.ts';
import { headingNamesSubject } from './answer-type.ts';
import type { AnswerTyping } from './leading-answer-type.ts';
import { queryTermCoverage } from './term-coverage.ts';

export type CitedRecord = Omit<VectorRecord, 'vector'>;

export interface SelectionCandidate {
  record: CitedRecord;
  /** Fused score of the proposition-level search, null when it did not rank this proposition. */
  searchScore: number | null;
  /** Index of the proposition within its paragraph. */
  position: number;
}

export interface SelectionGroup {
  paragraphId: string;
  candidates: SelectionCandidate[];
  /** The paragraph's section heading and the paragraph's index among its section's paragraphs (0 = the section opens with it), when known. */
  section?: { heading: string; index: number } | null;
  /** The subject stems of the paragraph's document (document-subject.ts; decision 0143), when known. */
  subject?: readonly string[];
  /** The paragraph's retrieval score (the ranking's fused / BM25F score), when known (`citeAcross.scorePenalty`). */
  score?: number;
  /** The rank its cite-across paragraph penalty is computed at, when not its place (a first mention, first-mention.ts). */
  rankAs?: number;
}

/**
 * Terms a sentence inherits for matching (decision 0133; answer-features.ts `InheritedTerms`): `heading` is the
 * weight of the section heading's terms for the first sentence of a section, `anaphora` the weight of the previous
 * sentence's terms for a sentence that opens with a pronoun or demonstrative. 0 = off.
 */
export interface AnswerContextOptions {
  heading: number;
  anaphora: number;
  /** Weight of the document's subject stems (`SelectionGroup.subject`) for every sentence of it (decision 0143); 0 or absent = off. */
  document?: number;
  /** How the expected answer type is read from the question (`retrieval.answerTyping`, leading-answer-type.ts, decision 0151); absent = 'any'. */
  typing?: AnswerTyping;
}

export const NO_ANSWER_CONTEXT: AnswerContextOptions = { heading: 0, anaphora: 0, document: 0 };

/** Orders each group's candidates, best answer first (one output list per group, same order as `groups`). */
export type AnswerSelector = (query: string, groups: readonly SelectionGroup[]) => CitedRecord[][];

export type AnswerWeights = Partial<Record<AnswerFeature, number>>;

/** Fitted on all XQuAD dev queries after the 2-fold check (bench/answer-selection/fit-answer-selector.ts, docs/evaluation.md); the shape features of decision 0123 set by hand. */
export const DEFAULT_ANSWER_WEIGHTS: AnswerWeights = {
  bm25: 1.1107,
  idfOverlap: 3.6376,
  coverage: 1.3672,
  softOverlap: 2.2724,
  bigrams: 0.3139,
  proximity: 0.0032,
  typeNumber: 0.7732,
  typeDate: -0.0671,
  typeName: 0.4106,
  typeMissing: -1.1166,
  typeNear: 0.5177,
  first: -0.3535,
  position: -0.084,
  searchScore: 0.7657,
  inSearch: 0.2699,
  length: -0.5212,
  novelty: 0.8229,
  // Question-shape features (decision 0123): set, not fitted. XQuAD fold 1/2: 1 = 2 > 4; held out, 1 never loses
  // (XQuAD fold 2/2 ±0, real questions +1 top-3 on each half) while 2 costs XQuAD fold 2/2 −0.006 first span.
  counted: 1,
  defines: 1,
  reason: 1,
  listIntro: 1,
};

export const searchOrderSelector: AnswerSelector = (query, groups) => groups.map((group) => {
  const ranked = group.candidates.filter((c) => c.searchScore !== null).sort((a, b) => (b.searchScore as number) - (a.searchScore as number));
  if (ranked.length > 0) return ranked.map((c) => c.record);
  let best: SelectionCandidate | null = null;
  let bestCoverage = -1;
  for (const c of group.candidates) {
    const coverage = queryTermCoverage(query, c.record.text);
    if (coverage > bestCoverage) { best = c; bestCoverage = coverage; }
  }
  return best ? [best.record] : [];
});

/**
 * Paragraphs whose propositions form the IDF pool: the first 16, which is what an answer with the
 * default TOP_K 6 ranks (max(2k, k + 10)), so evaluation depth (k 100) and answers weigh terms alike.
 */
const IDF_POOL_PARAGRAPHS = 16;

/** Feature rows of every candidate, per group; IDF comes from the candidates of the first groups. */
export function candidateFeatures(query: string, groups: readonly SelectionGroup[], context: AnswerContextOptions = NO_ANSWER_CONTEXT): Array<Array<Record<AnswerFeature, number>>> {
  const analysis = analyseQuery(query, context.typing);
  const pool = poolStats(groups.slice(0, IDF_POOL_PARAGRAPHS).flatMap((g) => g.candidates.map((c) => c.record.text)));
  const asked = new Set(analysis.shape.subject.flatMap((w) => contentStems(w)));
  return groups.map((group) => {
    const top = Math.max(0, ...group.candidates.map((c) => c.searchScore ?? 0));
    const byPosition = new Map(group.candidates.map((c) => [c.position, c.record.text]));
    const opensSection = context.heading > 0 && group.section?.index === 0;
    const names = opensSection ? headingNamesSubject(analysis.shape, group.section?.heading ?? '') : 0;
    return group.candidates.map((c) => {
      const row = answerFeatures(analysis, c.record.text, {
        position: c.position, paragraphSize: group.candidates.length, pool,
        searchScore: c.searchScore === null ? null : top > 0 ? c.searchScore / top : 0,
        inherited: inheritedTerms(group, c, byPosition, context, asked),
      });
      // A section's first sentence defines the subject its heading names (at the heading's weight).
      if (names > 0 && c.position === 0) row.defines = Math.max(row.defines, context.heading * names);
      return row;
    });
  });
}

/** The heading's terms for a section's first sentence, the previous sentence's for one that opens with an anaphor, the document's subject for every sentence. */
function inheritedTerms(group: SelectionGroup, candidate: SelectionCandidate, byPosition: ReadonlyMap<number, string>, context: AnswerContextOptions, asked: ReadonlySet<string> = new Set()): InheritedTerms[] {
  const out: InheritedTerms[] = [];
  if (context.heading > 0 && group.section && group.section.index === 0 && candidate.position === 0) out.push({ stems: contentStems(group.section.heading), weight: context.heading });
  const previous = byPosition.get(candidate.position - 1);
  if (context.anaphora > 0 && previous !== undefined && opensWithAnaphor(candidate.record.text)) out.push({ stems: contentStems(previous), weight: context.anaphora });
  // The words a definition question asks about ("What is interior mutability …") are not inherited: its answer says them.
  if ((context.document ?? 0) > 0 && group.subject && group.subject.length > 0) out.push({ stems: asked.size === 0 ? group.subject : group.subject.filter((s) => !asked.has(s)), weight: context.document ?? 0 });
  return out;
}

export function scoreFeatures(row: Record<AnswerFeature, number>, weights: AnswerWeights): number {
  let z = 0;
  for (const name of ANSWER_FEATURES) z += (weights[name] ?? 0) * row[name];
  return z;
}

export function createFeatureSelector(weights: AnswerWeights = DEFAULT_ANSWER_WEIGHTS, context: AnswerContextOptions = NO_ANSWER_CONTEXT): AnswerSelector {
  return (query, groups) => {
    const rows = candidateFeatures(query, groups, context);
    return groups.map((group, g) => group.candidates
      .map((c, i) => ({ record: c.record, score: scoreFeatures((rows[g] as Array<Record<AnswerFeature, number>>)[i] as Record<AnswerFeature, number>, weights), position: c.position }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .map((c) => c.record));
  };
}

/** The selector named by configuration (`retrieval.answerSelector`, `retrieval.answerWeights`, `retrieval.answerContext`). */
export function createAnswerSelector(retrieval: { answerSelector: 'search' | 'features'; answerWeights?: Record<string, number> | undefined; answerContext?: AnswerContextOptions | undefined }): AnswerSelector {
  return retrieval.answerSelector === 'features' ? createFeatureSelector(retrieval.answerWeights ?? DEFAULT_ANSWER_WEIGHTS, retrieval.answerContext ?? NO_ANSWER_CONTEXT) : searchOrderSelector;
}
