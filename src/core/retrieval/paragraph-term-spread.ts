/**
 * Question terms spread over a paragraph do not tell its sentences apart (issue 12 item 1, decision 0150): the answer
 * features weigh a question term by its IDF over the ranked paragraphs' sentences (answer-features.ts `poolStats`), so
 * a paragraph's topic ("Kublai", "corporal punishment"), rare in the pool but said in most of the paragraph's
 * sentences, makes the sentence that repeats it beat the one holding the answer. Within a paragraph of n sentences, a
 * matched term found in d of them counts (1 − weight · (d − 1) / (n − 1)) of its IDF in `idfOverlap`; the paragraph's
 * best `idfOverlap` is then shifted back to its old value, so paragraphs compete across the window as before and only
 * the order within each paragraph changes.
 */
import type { AnswerFeature } from './answer-features.ts';
import { analyseQuery, contentStems, poolStats } from './answer-features.ts';
import type { SelectionGroup } from './select-answer-propositions.ts';

export interface TermSpreadOptions {
  /** Share (0–1) of a matched term's IDF lost when it is in every sentence of the paragraph; 0 = off. */
  weight: number;
}

type Row = Record<AnswerFeature, number>;

/** Paragraphs whose sentences form the IDF pool: the same first 16 as `candidateFeatures`. */
const IDF_POOL_PARAGRAPHS = 16;

/** Feature rows (shape of `groups`) with `idfOverlap` discounted for terms spread over the paragraph; the input is not changed. */
export function discountSpreadTerms(query: string, groups: readonly SelectionGroup[], rows: readonly (readonly Row[])[], options: TermSpreadOptions): Row[][] {
  const out = rows.map((g) => g.map((row) => ({ ...row })));
  if (options.weight <= 0) return out;
  const analysis = analyseQuery(query);
  const pool = poolStats(groups.slice(0, IDF_POOL_PARAGRAPHS).flatMap((g) => g.candidates.map((c) => c.record.text)));
  const totalIdf = analysis.unique.reduce((sum, s) => sum + pool.idf(s), 0);
  if (totalIdf <= 0) return out;
  groups.forEach((group, g) => {
    const own = out[g] ?? [];
    const n = group.candidates.length;
    if (n < 2 || own.length !== n) return;
    const present = group.candidates.map((c) => new Set(contentStems(c.record.text)));
    const spread = new Map(analysis.unique.map((q) => [q, present.filter((p) => p.has(q)).length]));
    const before = Math.max(...own.map((row) => row.idfOverlap));
    own.forEach((row, i) => {
      let loss = 0;
      for (const q of analysis.unique) if (present[i]?.has(q)) loss += pool.idf(q) * options.weight * ((spread.get(q) ?? 1) - 1) / (n - 1);
      row.idfOverlap -= loss / totalIdf;
    });
    const after = Math.max(...own.map((row) => row.idfOverlap));
    for (const row of own) row.idfOverlap += before - after;
  });
  return out;
}
