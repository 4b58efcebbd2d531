/**
 * Core BM25F re-scorer (decision 0018): re-scores the candidate paragraphs of a paragraph ranking
 * with BM25F over two fields — the paragraph and its document's title (tf = titleWeight · tf_title +
 * tf_body, length likewise) — with its own k1, b and stemming, on statistics of the whole corpus
 * (corpus-statistics.ts). The stores' BM25 offers neither parameters nor a title field. The result
 * is interpolated with the first-pass score: (1 − weight) · first + weight · BM25F / max BM25F.
 */
import type { ParagraphRecord } from '../../domain/index.ts';
import { isTitleParagraph } from '../document-evidence.ts';
import type { FusedHit } from '../fuse.ts';
import type { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalTerms } from './lexical-terms.ts';

export interface LexicalRescoreOptions {
  /** Interpolation weight of the BM25F score; 0 = off. */
  weight: number;
  k1: number;
  b: number;
  /** Weight of a title occurrence relative to one in the paragraph. */
  titleWeight: number;
}

/** BM25F of one unit (title terms + body terms) for the query's distinct terms. */
export function bm25fScore(queryTerms: ReadonlySet<string>, title: readonly string[], body: readonly string[], statistics: CorpusStatistics, options: LexicalRescoreOptions): number {
  const tf = new Map<string, number>();
  for (const term of title) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + options.titleWeight);
  for (const term of body) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
  const length = options.titleWeight * title.length + body.length;
  const average = Math.max(1e-9, options.titleWeight * statistics.averageTitleLength + statistics.averageBodyLength);
  const norm = options.k1 * (1 - options.b + options.b * (length / average));
  let score = 0;
  for (const [term, frequency] of tf) {
    const df = statistics.documentFrequency.get(term) ?? 0;
    const idf = Math.log(1 + (statistics.units - df + 0.5) / (df + 0.5));
    score += idf * (frequency * (options.k1 + 1)) / (frequency + norm);
  }
  return score;
}

export function rescoreParagraphs(
  query: string,
  paragraphs: readonly FusedHit[],
  statistics: CorpusStatistics,
  paragraphOf: (id: string) => Pick<ParagraphRecord, 'page' | 'ordinal' | 'start' | 'end'> | null,
  options: LexicalRescoreOptions,
): FusedHit[] {
  if (options.weight <= 0 || paragraphs.length === 0) return [...paragraphs];
  const queryTerms = new Set(lexicalTerms(query));
  const scores = paragraphs.map((hit) => {
    const paragraph = paragraphOf(hit.record.paragraphId);
    const terms = statistics.paragraphTerms.get(hit.record.paragraphId) ?? lexicalTerms(hit.record.text);
    // A title hit is scored as its document's title alone; a body paragraph with its document's title.
    if (paragraph && isTitleParagraph(paragraph)) return bm25fScore(queryTerms, terms, [], statistics, options);
    return bm25fScore(queryTerms, statistics.titleTerms.get(hit.record.documentId) ?? [], terms, statistics, options);
  });
  const max = Math.max(...scores);
  return paragraphs
    .map((hit, i) => ({ ...hit, score: (1 - options.weight) * hit.score + options.weight * (max > 0 ? (scores[i] ?? 0) / max : 0) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
