/**
 * Citations chosen across the ranked paragraphs (issue 12 item 1, decision 0080): every
 * proposition of the first `window` ranked paragraphs competes on its answer score (the feature
 * selector's logistic score, or sentence BM25 over the same pool) minus a paragraph-rank penalty
 * `paragraphWeight · ln(1 + rank)`, and the best `count` are cited first — two sentences of one
 * paragraph when both win, a sentence of the 5th paragraph before the 1st paragraph's when it
 * answers better. The rest follow in the usual order (paragraph rank, best propositions first),
 * without the ones already cited.
 */
import { isQuotableSentence } from '../answer/quotable-sentence.ts';
import { analyseQuery, answerFeatures, poolStats } from './answer-features.ts';
import { candidateFeatures, NO_ANSWER_CONTEXT, scoreFeatures, type AnswerContextOptions, type AnswerWeights, type CitedRecord, type SelectionGroup } from './select-answer-propositions.ts';

export interface CiteAcrossOptions {
  /** Ranked paragraphs whose propositions compete (0 = off: one paragraph after another). */
  window: number;
  /** Citations chosen across the window, cited first. */
  count: number;
  /** Penalty per ln(1 + paragraph rank) on the answer score. */
  paragraphWeight: number;
  /**
   * Penalty per ln(1 + document rank) on the answer score: the rank of the paragraph's document among the window's
   * documents, in order of first appearance (0 = off; decision 0125). With one paragraph per document it adds to
   * `paragraphWeight`; in long documents it lets the top document's paragraphs compete on their sentences.
   */
  documentWeight?: number;
  /**
   * Penalty per ln(top paragraph's score / the paragraph's score) (`SelectionGroup.score`, the paragraph ranking's own
   * scores; 0 or absent = off): paragraphs that the ranking scored about as high as the first compete on their
   * sentences at almost no cost, whatever their rank.
   */
  scoreWeight?: number;
  /** Scores the candidates of each group (same shape as `groups`), higher = better answer. */
  score: AnswerScorer;
  /** Table and number debris (not quotable as a sentence, quotable-sentence.ts) is chosen only when nothing else is (decision 0124). */
  skipDebris?: boolean;
  /**
   * Per candidate (same shape as `score`), > 0 when it defines the question's subject (the `defines` answer feature):
   * the best such candidate among the `count` chosen is cited first (`citeAcross.definitionFirst`, decision 0146).
   */
  defines?: AnswerScorer;
}

export type AnswerScorer = (query: string, groups: readonly SelectionGroup[]) => number[][];

/** The feature selector's logistic score (answer-features.ts, weights fitted on XQuAD). */
export function featureScorer(weights: AnswerWeights, context: AnswerContextOptions = NO_ANSWER_CONTEXT): AnswerScorer {
  return (query, groups) => candidateFeatures(query, groups, context).map((rows) => rows.map((row) => scoreFeatures(row, weights)));
}

/** Sentence BM25 (stems, k1 1.2, b 0.75) with IDF over the candidates of the groups, scaled to the query's total IDF. */
export const sentenceBm25Scorer: AnswerScorer = (query, groups) => {
  const analysis = analyseQuery(query);
  const pool = poolStats(groups.flatMap((g) => g.candidates.map((c) => c.record.text)));
  return groups.map((g) => g.candidates.map((c) => answerFeatures(analysis, c.record.text, { position: c.position, paragraphSize: g.candidates.length, pool, searchScore: null }).bm25));
};

/** ln(top / score) for positive scores (0 when either is unknown or not positive; capped at ln 1000). */
export function scoreGap(top: number, score: number | undefined): number {
  if (score === undefined || !(top > 0)) return 0;
  if (!(score > 0)) return Math.log(1000);
  return Math.min(Math.log(1000), Math.max(0, Math.log(top / score)));
}

/** `record` null: a group without propositions, cited as its paragraph. */
export interface CitedChoice { group: number; record: CitedRecord | null }

/** The scorer named by configuration (`retrieval.citeAcross.score`). */
export function createAnswerScorer(score: 'features' | 'bm25', weights: AnswerWeights, context: AnswerContextOptions = NO_ANSWER_CONTEXT): AnswerScorer {
  return score === 'bm25' ? sentenceBm25Scorer : featureScorer(weights, context);
}

/**
 * The citation order: the `count` best-scoring propositions of the first `window` groups first,
 * then each group's `ordered` propositions (its first `perParagraph`) in `order`, skipping those already chosen.
 */
export function citeAcrossParagraphs(query: string, groups: readonly SelectionGroup[], ordered: readonly CitedRecord[][], order: readonly number[], perParagraph: number, options: CiteAcrossOptions): CitedChoice[] {
  const window = Math.min(options.window, order.length);
  const inWindow = order.slice(0, window);
  // Every ranked group is scored (the IDF pool is the same as the selector's); the window's compete.
  const scores = options.score(query, order.map((g) => groups[g] as SelectionGroup));
  const pool: Array<{ group: number; record: CitedRecord; score: number; rank: number; position: number }> = [];
  const documents: string[] = [];
  const scoreWeight = options.scoreWeight ?? 0;
  const topScore = groups[inWindow[0] ?? -1]?.score ?? 0;
  inWindow.forEach((g, rank) => {
    const group = groups[g] as SelectionGroup;
    const document = group.candidates[0]?.record.documentId ?? `paragraph ${group.paragraphId}`;
    if (!documents.includes(document)) documents.push(document);
    const penalty = options.paragraphWeight * Math.log1p(group.rankAs ?? rank) + (options.documentWeight ?? 0) * Math.log1p(documents.indexOf(document))
      + scoreWeight * scoreGap(topScore, group.score);
    group.candidates.forEach((c, i) => {
      pool.push({ group: g, record: c.record, score: (scores[rank]?.[i] ?? 0) - penalty, rank, position: c.position });
    });
  });
  pool.sort((a, b) => b.score - a.score || a.rank - b.rank || a.position - b.position);
  if (options.skipDebris) {
    const prose = pool.filter((c) => isQuotableSentence(c.record.text));
    pool.splice(0, pool.length, ...prose, ...pool.filter((c) => !prose.includes(c)));
  }
  if (options.defines) {
    const defines = options.defines(query, order.map((g) => groups[g] as SelectionGroup));
    const head = pool.slice(0, Math.max(0, options.count));
    const lead = head.findIndex((c) => (defines[c.rank]?.[groups[c.group]?.candidates.findIndex((x) => x.record.id === c.record.id) ?? -1] ?? 0) > 0);
    if (lead > 0) pool.unshift(...pool.splice(lead, 1));
  }
  const out: CitedChoice[] = [];
  const cited = new Set<string>();
  for (const c of pool.slice(0, Math.max(0, options.count))) { out.push({ group: c.group, record: c.record }); cited.add(c.record.id); }
  for (const g of order) {
    if ((ordered[g] ?? []).length === 0) out.push({ group: g, record: null });
    for (const record of (ordered[g] ?? []).slice(0, perParagraph)) {
      if (cited.has(record.id)) continue;
      cited.add(record.id);
      out.push({ group: g, record });
    }
  }
  return out;
}
