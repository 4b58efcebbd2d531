/**
 * Pseudo-relevance feedback, RM3-style (decision 0019): the top `documents` ranked paragraphs are
 * taken as relevant, their most characteristic terms are added to the query, the paragraphs are
 * searched again with the expanded query (a second `searchText` call) and both rankings are
 * interpolated, (1 − weight) · first pass + weight · second pass (each on a [0, 1] scale).
 * A term's weight is RM3's Σ_d P(t|d) · score(d) over the feedback paragraphs, times
 * log(1 + pool / df_pool(t)) over all first-pass candidates, which stands in for the corpus IDF the
 * store does not expose: a word found in every candidate (e.g. "patients") is not characteristic.
 */
import type { ScoredHit } from '../domain/index.ts';
import type { FusedHit } from './fuse.ts';
import { contentTerms } from './term-coverage.ts';

export interface FeedbackOptions {
  /** Interpolation weight of the expanded query's ranking; 0 = off (no second search). */
  weight: number;
  /** Paragraphs taken as relevant. */
  documents: number;
  /** Terms added to the query. */
  terms: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}-]*/gu;

/** The `count` best expansion terms (surface forms, not already in the query) from the feedback texts. */
export function expansionTerms(query: string, feedback: ReadonlyArray<{ text: string; score: number }>, pool: readonly string[], count: number): string[] {
  const inQuery = new Set(contentTerms(query));
  const df = new Map<string, number>();
  for (const text of pool) for (const stem of new Set(contentTerms(text))) df.set(stem, (df.get(stem) ?? 0) + 1);
  const weight = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const { text, score } of feedback) {
    const words = (text.match(WORD) ?? []).map((w) => w.toLowerCase());
    const stems = words.map((w) => contentTerms(w)[0]);
    const length = stems.filter(Boolean).length || 1;
    stems.forEach((stem, i) => {
      if (!stem || inQuery.has(stem) || stem.length < 3 || /^\d+$/u.test(stem)) return;
      weight.set(stem, (weight.get(stem) ?? 0) + score / length);
      const forms = surface.get(stem) ?? new Map<string, number>();
      forms.set(words[i] as string, (forms.get(words[i] as string) ?? 0) + 1);
      surface.set(stem, forms);
    });
  }
  const poolSize = Math.max(1, pool.length);
  return [...weight.entries()]
    .map(([stem, w]) => [stem, w * Math.log(1 + poolSize / (df.get(stem) ?? 1))] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([stem]) => [...(surface.get(stem) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? stem);
}

/** (1 − weight) · first-pass score + weight · min-max normalised second-pass score, best first. */
export function interpolateFeedback(first: readonly FusedHit[], second: readonly ScoredHit[], weight: number): FusedHit[] {
  let min = Infinity;
  let max = -Infinity;
  for (const hit of second) { min = Math.min(min, hit.score); max = Math.max(max, hit.score); }
  const norm = (score: number) => (max > min ? (score - min) / (max - min) : 1);
  const byId = new Map<string, FusedHit>(first.map((hit) => [hit.id, { ...hit, score: (1 - weight) * hit.score }]));
  for (const hit of second) {
    const known = byId.get(hit.id);
    if (known) known.score += weight * norm(hit.score);
    else byId.set(hit.id, { id: hit.id, record: hit.record, score: weight * norm(hit.score), denseScore: null, bm25Score: hit.score, denseRank: null, bm25Rank: null });
  }
  return [...byId.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** The first-pass paragraphs re-ranked with feedback; unchanged when off or when no term qualifies. */
export async function applyFeedback(search: (expandedQuery: string) => Promise<ScoredHit[]>, query: string, first: readonly FusedHit[], options: FeedbackOptions | undefined): Promise<FusedHit[]> {
  if (!options || options.weight <= 0 || first.length === 0) return [...first];
  const feedback = first.slice(0, options.documents).map((hit) => ({ text: hit.record.text, score: hit.score }));
  const terms = expansionTerms(query, feedback, first.map((hit) => hit.record.text), options.terms);
  if (terms.length === 0) return [...first];
  return interpolateFeedback(first, await search(`${query} ${terms.join(' ')}`), options.weight);
}
