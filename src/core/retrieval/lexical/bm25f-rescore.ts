/**
 * Core BM25F re-scorer (decision 0018): re-scores the candidate paragraphs of a paragraph ranking
 * with BM25F over two fields — the paragraph and its document's title (tf = titleWeight · tf_title +
 * tf_body, length likewise) — with its own k1, b and stemming, on statistics of the whole corpus
 * (corpus-statistics.ts). The stores' BM25 offers neither parameters nor a title field. The result
 * is interpolated with the first-pass score: (1 − weight) · first + weight · BM25F / max BM25F.
 * With `documentWeight` > 0 (decision 0050) the lexical part is itself a mix of the paragraph's BM25F
 * and its whole document's (title + every body paragraph as one unit, document-level statistics):
 * (1 − documentWeight) · paragraph / max paragraph + documentWeight · document / max document.
 */
import type { ParagraphRecord } from '../../domain/index.ts';
import { isTitleParagraph } from '../document-evidence.ts';
import type { FusedHit } from '../fuse.ts';
import type { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalTerms, queryLexicalTerms, termLength } from './lexical-terms.ts';

export interface LexicalRescoreOptions {
  /** Interpolation weight of the BM25F score; 0 = off. */
  weight: number;
  k1: number;
  b: number;
  /** Weight of a title occurrence relative to one in the paragraph. */
  titleWeight: number;
  /** Share of the document-level BM25F in the lexical score (decision 0050); 0 or absent = paragraph only. */
  documentWeight?: number;
  /** BM25+ lower bound δ added to each matched term's saturation (decision 0050); 0 or absent = plain BM25. */
  delta?: number;
  /**
   * Weight of the term-proximity bonus (decision 0051): for each pair of consecutive query terms found
   * within two positions of each other in the title or the paragraph, min(idf) · tf(k1 + 1)/(tf + k1). 0 or absent = off.
   */
  proximityWeight?: number;
  /**
   * Weight of an occurrence in the paragraph's section heading (decision 0120: a third BM25F field, the last
   * heading before the paragraph, corpus-statistics.ts `sectionHeadings`). 0 or absent = two fields as before.
   */
  headingWeight?: number;
  /** Paragraphs of a candidate heading's section added as candidates (section-candidates.ts, decision 0120); 0 or absent = none. */
  sectionCandidates?: number;
  /**
   * Per-field length normalisation (decision 0122; Robertson, Zaragoza & Taylor 2004): with a value, each field's tf
   * is normalised by its own length before the fields are summed, tf = Σ w_f · tf_f / (1 − b_f + b_f · len_f / avg_f),
   * with `b` for the paragraph and this for the title and the heading; absent = one length over the weighted fields.
   */
  titleB?: number | undefined;
  /**
   * Weight of an exact-form bonus (stemmer variant): the paragraph's BM25 over the query's unstemmed words (lower-cased,
   * stop words out), with the stems' idf and the paragraph's length normalisation; 0 or absent = off.
   */
  exactWeight?: number;
  /** Question words ("how", "many", "does", …) left out of the query terms (lexical-terms.ts, decision 0121); absent = kept. */
  dropQuestionWords?: boolean;
  /** A query term's weight is qtf^this (its count in the query); 0 or absent = each distinct term once. */
  queryTermFrequency?: number;
  /** idf: 'lucene' ln(1 + (N − df + 0.5)/(df + 0.5)) over paragraphs (absent), 'document' the same over documents, 'robertson' ln((N − df + 0.5)/(df + 0.5)) floored at `idfFloor`. */
  idf?: 'lucene' | 'document' | 'robertson';
  idfFloor?: number;
}

type QueryTerms = ReadonlySet<string> | ReadonlyMap<string, number>;
const queryWeight = (queryTerms: QueryTerms, term: string): number => (queryTerms instanceof Map ? (queryTerms.get(term) ?? 0) : 1);

function idfOf(term: string, statistics: FieldStatistics, options: LexicalRescoreOptions, full?: CorpusStatistics): number {
  if (options.idf === 'document' && full) {
    const df = full.documentLevelFrequency.get(term) ?? 0;
    return Math.log(1 + (full.documents - df + 0.5) / (df + 0.5));
  }
  const df = statistics.documentFrequency.get(term) ?? 0;
  if (options.idf === 'robertson') return Math.max(options.idfFloor ?? 0, Math.log((statistics.units - df + 0.5) / (df + 0.5)));
  return Math.log(1 + (statistics.units - df + 0.5) / (df + 0.5));
}

interface FieldStatistics { units: number; averageTitleLength: number; averageBodyLength: number; documentFrequency: ReadonlyMap<string, number> }

/** BM25F of one unit (title terms + body terms) for the query's distinct terms. */
export function bm25fScore(queryTerms: QueryTerms, title: readonly string[], body: readonly string[], statistics: CorpusStatistics, options: LexicalRescoreOptions, heading: readonly string[] = []): number {
  const headingWeight = options.headingWeight ?? 0;
  if (options.titleB !== undefined) return perFieldScore(queryTerms, title, body, headingWeight > 0 ? heading : [], statistics, options, options.titleB);
  const tf = new Map<string, number>();
  for (const term of title) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + options.titleWeight);
  for (const term of body) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
  if (headingWeight <= 0) return saturate(tf, options.titleWeight * termLength(title) + termLength(body), statistics, options, queryTerms, statistics);
  for (const term of heading) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + headingWeight);
  // Not a spread of `statistics`: that would read (and build) its lazy document-level fields.
  const withHeading: FieldStatistics = {
    units: statistics.units, averageTitleLength: statistics.averageTitleLength, documentFrequency: statistics.documentFrequency,
    averageBodyLength: statistics.averageBodyLength + headingWeight * statistics.averageHeadingLength,
  };
  return saturate(tf, options.titleWeight * termLength(title) + termLength(body) + headingWeight * termLength(heading), withHeading, options, queryTerms, statistics);
}

/** BM25F of a whole document (its title + its body term counts) on the document-level statistics. */
export function documentBm25fScore(queryTerms: QueryTerms, documentId: string, statistics: CorpusStatistics, options: LexicalRescoreOptions): number {
  const title = statistics.titleTerms.get(documentId) ?? [];
  const counts = statistics.documentTermCounts.get(documentId);
  const tf = new Map<string, number>();
  for (const term of title) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + options.titleWeight);
  for (const term of queryTerms.keys()) {
    const count = counts?.get(term) ?? 0;
    if (count > 0) tf.set(term, (tf.get(term) ?? 0) + count);
  }
  const documentLevel: FieldStatistics = {
    units: statistics.documents, averageTitleLength: statistics.averageDocumentTitleLength,
    averageBodyLength: statistics.averageDocumentBodyLength, documentFrequency: statistics.documentLevelFrequency,
  };
  return saturate(tf, options.titleWeight * termLength(title) + (statistics.documentBodyLength.get(documentId) ?? 0), documentLevel, options, queryTerms);
}

/** BM25F with each field normalised by its own length (`titleB`). */
function perFieldScore(queryTerms: QueryTerms, title: readonly string[], body: readonly string[], heading: readonly string[], statistics: CorpusStatistics, options: LexicalRescoreOptions, titleB: number): number {
  const tf = new Map<string, number>();
  const add = (terms: readonly string[], weight: number, b: number, average: number) => {
    if (terms.length === 0 || weight <= 0) return;
    const norm = 1 - b + b * (termLength(terms) / Math.max(1e-9, average));
    for (const term of terms) if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + weight / norm);
  };
  add(title, options.titleWeight, titleB, statistics.averageTitleLength);
  add(body, 1, options.b, statistics.averageBodyLength);
  add(heading, options.headingWeight ?? 0, titleB, statistics.averageHeadingLength);
  const delta = options.delta ?? 0;
  let score = 0;
  for (const [term, frequency] of tf) {
    score += queryWeight(queryTerms, term) * idfOf(term, statistics, options, statistics) * ((frequency * (options.k1 + 1)) / (frequency + options.k1) + delta);
  }
  return score;
}

function saturate(tf: ReadonlyMap<string, number>, length: number, statistics: FieldStatistics, options: LexicalRescoreOptions, queryTerms: QueryTerms, full?: CorpusStatistics): number {
  const delta = options.delta ?? 0;
  const average = Math.max(1e-9, options.titleWeight * statistics.averageTitleLength + statistics.averageBodyLength);
  const norm = options.k1 * (1 - options.b + options.b * (length / average));
  let score = 0;
  for (const [term, frequency] of tf) {
    score += queryWeight(queryTerms, term) * idfOf(term, statistics, options, full) * ((frequency * (options.k1 + 1)) / (frequency + norm) + delta);
  }
  return score;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Lower-cased words that `lexicalTerms` keeps, before stemming. */
export function rawWords(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) if (lexicalTerms(match[0]).length > 0) out.push(match[0]);
  return out;
}

/** BM25 of the exact query words in one paragraph, with each word's stem idf (see `exactWeight`). */
export function exactScore(queryWords: readonly string[], words: readonly string[], length: number, statistics: CorpusStatistics, options: LexicalRescoreOptions): number {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const norm = options.k1 * (1 - options.b + options.b * (length / Math.max(1e-9, statistics.averageBodyLength)));
  let score = 0;
  for (const word of queryWords) {
    const tf = counts.get(word) ?? 0;
    if (tf === 0) continue;
    const df = statistics.documentFrequency.get(lexicalTerms(word)[0] ?? '') ?? 0;
    score += Math.log(1 + (statistics.units - df + 0.5) / (df + 0.5)) * (tf * (options.k1 + 1)) / (tf + norm);
  }
  return score;
}

/** Pairs of consecutive distinct query terms (stop words already removed by `lexicalTerms`). */
export function queryPairs(terms: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < terms.length; i++) {
    const a = terms[i] ?? '';
    const b = terms[i + 1] ?? '';
    if (a === b || seen.has(`${a} ${b}`)) continue;
    seen.add(`${a} ${b}`);
    pairs.push([a, b]);
  }
  return pairs;
}

/** The proximity bonus of one unit (title and body scanned separately; see `proximityWeight`). */
export function proximityScore(pairs: ReadonlyArray<readonly [string, string]>, fields: ReadonlyArray<readonly string[]>, statistics: CorpusStatistics, k1: number): number {
  let score = 0;
  for (const [a, b] of pairs) {
    let tf = 0;
    for (const field of fields) {
      for (let i = 0; i < field.length; i++) {
        const term = field[i];
        if (term !== a && term !== b) continue;
        const other = term === a ? b : a;
        if (field[i + 1] === other || field[i + 2] === other) tf++;
      }
    }
    if (tf === 0) continue;
    const idf = (term: string) => { const df = statistics.documentFrequency.get(term) ?? 0; return Math.log(1 + (statistics.units - df + 0.5) / (df + 0.5)); };
    score += Math.min(idf(a), idf(b)) * (tf * (k1 + 1)) / (tf + k1);
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
  const queryList = queryLexicalTerms(query, options.dropQuestionWords ?? false);
  const qtf = options.queryTermFrequency ?? 0;
  const counts = new Map<string, number>();
  for (const term of queryList) counts.set(term, (counts.get(term) ?? 0) + 1);
  const queryTerms: QueryTerms = qtf > 0 ? new Map([...counts].map(([term, count]) => [term, count ** qtf])) : new Set(queryList);
  const proximityWeight = options.proximityWeight ?? 0;
  const pairs = proximityWeight > 0 ? queryPairs(queryList) : [];
  const exactWeight = options.exactWeight ?? 0;
  const exactQuery = exactWeight > 0 ? [...new Set(rawWords(query))] : [];
  const scores = paragraphs.map((hit) => {
    const paragraph = paragraphOf(hit.record.paragraphId);
    const terms = statistics.paragraphTerms.get(hit.record.paragraphId) ?? lexicalTerms(hit.record.text);
    // A title hit is scored as its document's title alone; a body paragraph with its document's title.
    const isTitle = paragraph !== null && isTitleParagraph(paragraph);
    const title = isTitle ? [] : statistics.titleTerms.get(hit.record.documentId) ?? [];
    const heading = (options.headingWeight ?? 0) > 0 && !isTitle ? statistics.headingTerms.get(hit.record.paragraphId) ?? [] : [];
    const base = isTitle ? bm25fScore(queryTerms, terms, [], statistics, options) : bm25fScore(queryTerms, title, terms, statistics, options, heading);
    const withExact = exactQuery.length === 0 ? base : base + exactWeight * exactScore(exactQuery, rawWords(hit.record.text), termLength(terms), statistics, options);
    return pairs.length === 0 ? withExact : withExact + proximityWeight * proximityScore(pairs, [title, terms], statistics, options.k1);
  });
  const max = Math.max(...scores);
  const documentWeight = options.documentWeight ?? 0;
  const documentScores = new Map<string, number>();
  if (documentWeight > 0) for (const hit of paragraphs) if (!documentScores.has(hit.record.documentId)) documentScores.set(hit.record.documentId, documentBm25fScore(queryTerms, hit.record.documentId, statistics, options));
  const maxDocument = Math.max(0, ...documentScores.values());
  const lexical = (hit: FusedHit, i: number) => {
    const paragraphPart = max > 0 ? (scores[i] ?? 0) / max : 0;
    if (documentWeight <= 0) return paragraphPart;
    const documentPart = maxDocument > 0 ? (documentScores.get(hit.record.documentId) ?? 0) / maxDocument : 0;
    return (1 - documentWeight) * paragraphPart + documentWeight * documentPart;
  };
  return paragraphs
    .map((hit, i) => ({ ...hit, score: (1 - options.weight) * hit.score + options.weight * lexical(hit, i) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
