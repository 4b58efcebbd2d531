/**
 * Hybrid retrieval over propositions (or paragraphs): dense + BM25 candidates, fused,
 * restricted to visible documents, near-duplicates collapsed, each hit with its parent
 * paragraph. `confidence` (the best hit's dense similarity blended with query-term coverage; coverage
 * alone in BM25-only mode) is what the "No strong match found." threshold is compared to.
 */
import type { ParagraphRecord, PropositionRecord, RetrievalUnit, ScoredHit } from '../domain/index.ts';
import type { VectorFilter, VectorStore } from '../ports/index.ts';
import { collapseDuplicates } from './collapse-duplicates.ts';
import { addDocumentEvidence } from './document-evidence.ts';
import { fuse, type FusedHit, type FusionOptions } from './fuse.ts';
import { applyFeedback, type FeedbackOptions } from './pseudo-relevance-feedback.ts';
import { fusePropositionRanks } from './proposition-rank-fusion.ts';
import { rescoreParagraphs, type LexicalRescoreOptions } from './lexical/bm25f-rescore.ts';
import type { CorpusStatistics } from './lexical/corpus-statistics.ts';
import { addSectionCandidates } from './lexical/section-candidates.ts';
import { queryTermCoverage } from './term-coverage.ts';
import { sentenceCitationOrder, type SentenceOrderOptions } from './sentence-citation-order.ts';
import { questionShape } from './answer-type.ts';
import { addFirstMentions } from './first-mention.ts';
import { citeAcrossParagraphs, type CiteAcrossOptions } from './cite-across-paragraphs.ts';
import { searchOrderSelector, type AnswerSelector, type SelectionCandidate, type SelectionGroup } from './select-answer-propositions.ts';

export type RetrievalMode = 'hybrid' | 'dense' | 'bm25';

export interface RetrievalOptions extends FusionOptions {
  k: number;
  candidates: number;
  mode?: RetrievalMode;
  unit?: RetrievalUnit;
  /** With unit 'proposition': rank paragraphs, then cite each one's best proposition. */
  rankBy?: 'paragraph' | 'proposition';
  /** With rankBy 'paragraph': propositions cited per ranked paragraph (default 1). */
  citesPerParagraph?: number;
  /** With rankBy 'paragraph': weight of the document title's score added to its paragraphs (document-evidence.ts). */
  titleWeight?: number;
  /** With rankBy 'paragraph': weight of a paragraph's best proposition score added to its own. */
  propositionWeight?: number;
  /** With rankBy 'paragraph': weight of the proposition ranking in an RRF with the paragraph ranking (proposition-rank-fusion.ts; off when absent or 0). */
  propositionRrf?: number;
  /** With rankBy 'paragraph': RM3-style pseudo-relevance feedback on the paragraph ranking (off when absent or weight 0). */
  feedback?: FeedbackOptions;
  /** With rankBy 'paragraph': the core BM25F re-scorer (needs `deps.corpusStatistics`; off when absent or weight 0). */
  lexical?: LexicalRescoreOptions;
  /** With rankBy 'paragraph': orders each paragraph's propositions, answer first (default: search order). */
  answerSelector?: AnswerSelector;
  /** With rankBy 'paragraph': cited paragraphs re-ordered by their best sentence's rank too (sentence-citation-order.ts; off when absent or weight 0). */
  sentenceOrder?: SentenceOrderOptions;
  /** With rankBy paragraph: the first citations chosen across the first ranked paragraphs by answer score (cite-across-paragraphs.ts; off when absent or window 0). */
  citeAcross?: CiteAcrossOptions;
  /**
   * With rankBy paragraph: each candidate paragraph's section heading is given to the answer scorers
   * (`SelectionGroup.section`; needs `deps.corpusStatistics`; decision 0133), and a cited sentence that opens a section
   * counts its heading's terms at this weight in its query-term coverage. 0 = off.
   */
  sectionContext?: number;
  /** With rankBy paragraph: each candidate paragraph's document subject is given to the answer scorers (`SelectionGroup.subject`; needs `deps.documentSubject`; decision 0143). */
  documentContext?: boolean;
  /**
   * With rankBy paragraph and a definition question ("What is X?"): the first body paragraph naming X in each of the
   * first `firstMention` documents joins the scored paragraphs (first-mention.ts; needs `deps.documentParagraphs`;
   * decision 0153). 0 or absent = off.
   */
  firstMention?: number;
  namespace?: string;
  documentIds?: string[];
  experts?: string[];
}

export interface RetrievedHit extends FusedHit {
  paragraph: ParagraphRecord | null;
  coverage: number;
}

export interface RetrievalResult {
  hits: RetrievedHit[];
  confidence: number;
  timings: { embedMs: number; retrieveMs: number };
}

export interface RetrievalDeps {
  vectors: VectorStore;
  embedQuery: (text: string, signal?: AbortSignal) => Promise<Float32Array>;
  visibleDocumentIds: () => ReadonlySet<string>;
  paragraph: (id: string) => ParagraphRecord | null;
  /** Propositions of paragraphs (needed for paragraph-ranked retrieval). */
  propositionsOf?: (paragraphIds: string[]) => PropositionRecord[];
  /** The next paragraph on the page: a heading that ranks is cited through the text it introduces. */
  nextParagraph?: (paragraphId: string) => ParagraphRecord | null;
  /** Corpus statistics for the BM25F re-scorer (`options.lexical`). */
  corpusStatistics?: () => CorpusStatistics;
  /** A document's subject stems (document-subject.ts), given to the answer scorers with each paragraph (decision 0143). */
  documentSubject?: (documentId: string) => readonly string[];
  /** A document's paragraphs in reading order (`options.firstMention`). */
  documentParagraphs?: (documentId: string) => readonly ParagraphRecord[];
}

async function fusedSearch(deps: RetrievalDeps, query: string, vector: Float32Array | null, filter: VectorFilter, options: RetrievalOptions): Promise<FusedHit[]> {
  const mode = options.mode ?? 'hybrid';
  const [dense, bm25] = await Promise.all([
    vector && mode !== 'bm25' ? deps.vectors.searchDense(vector, options.candidates, filter) : Promise.resolve([] as ScoredHit[]),
    mode === 'dense' ? Promise.resolve([] as ScoredHit[]) : deps.vectors.searchText(query, options.candidates, filter).catch(() => [] as ScoredHit[]),
  ]);
  const visible = deps.visibleDocumentIds();
  return fuse(dense, bm25, options).filter((h) => visible.has(h.record.documentId));
}

/**
 * Paragraph-ranked, proposition-cited retrieval: paragraphs carry the context that ranks well
 * (docs/evaluation.md), propositions give the exact span to cite. Each ranked paragraph is
 * represented by its best `perParagraph` propositions as ordered by the answer selector
 * (select-answer-propositions.ts). A paragraph's propositions follow it directly, so the order
 * of paragraphs (and documents) does not depend on `perParagraph` or the selector.
 */
function citeBestPropositions(deps: RetrievalDeps, query: string, paragraphs: FusedHit[], propositions: FusedHit[], k: number, perParagraph: number, selector: AnswerSelector, sentenceOrder?: SentenceOrderOptions, citeAcross?: CiteAcrossOptions, sectionContext = false, openers?: Map<string, string>, documentContext = false, rankAs: ReadonlyMap<string, number> = new Map()): RetrievalUnitHit[] {
  const rankedOf = groupBy(propositions, (hit) => hit.record.paragraphId);
  const top = paragraphs.slice(0, k);
  // A heading (short, not a sentence) is represented by the paragraph it introduces.
  const introduced = new Map<string, string>();
  for (const p of top) {
    const text = p.record.text.trim();
    if ((text.match(/[\p{L}\p{N}]+/gu) ?? []).length <= 12 && !/[.!?;:]$/u.test(text)) {
      const next = deps.nextParagraph?.(p.id);
      if (next) introduced.set(p.id, next.id);
    }
  }
  const members = deps.propositionsOf?.([...top.map((p) => p.id), ...introduced.values()]) ?? [];
  const byParagraph = groupBy(members, (p) => p.paragraphId);
  const sections = sectionContext ? deps.corpusStatistics?.().sectionOf : undefined;
  const documentSubject = documentContext ? deps.documentSubject : undefined;
  const groups: SelectionGroup[] = top.map((paragraph) => {
    const body = introduced.get(paragraph.id);
    const ownId = body && (byParagraph.has(body) || rankedOf.has(body)) ? body : paragraph.id;
    const scores = new Map((rankedOf.get(ownId) ?? []).map((h) => [h.record.id, h.score]));
    const own = [...(byParagraph.get(ownId) ?? [])].sort((a, b) => a.start - b.start);
    const candidates: SelectionCandidate[] = own.map((p, position) => ({
      record: { id: p.id, documentId: p.documentId, namespace: paragraph.record.namespace, text: p.text, unit: 'proposition', page: p.page, start: p.start, end: p.end, paragraphId: p.paragraphId, file: p.file, expert: p.expert ?? null },
      searchScore: scores.get(p.id) ?? null, position,
    }));
    // Without the paragraph's member list, the ranked propositions are the candidates.
    if (candidates.length === 0) for (const h of rankedOf.get(ownId) ?? []) candidates.push({ record: h.record, searchScore: h.score, position: candidates.length });
    // Section headings as decision 0120 finds them: a document's title is none (a ranked title cited through the
    // paragraph after it gives that paragraph no heading).
    const section = sections?.get(ownId) ?? null;
    const first = candidates[0];
    if (section && section.index === 0 && first) openers?.set(first.record.id, section.heading);
    const subject = documentSubject && first ? documentSubject(first.record.documentId) : undefined;
    const asRank = rankAs.get(paragraph.id);
    return { paragraphId: ownId, candidates, section, ...(subject ? { subject } : {}), score: paragraph.score, ...(asRank !== undefined ? { rankAs: asRank } : {}) };
  });
  const ordered = selector(query, groups);
  const sentenceRank = new Map<string, number>();
  propositions.forEach((hit, rank) => { if (!sentenceRank.has(hit.record.paragraphId)) sentenceRank.set(hit.record.paragraphId, rank); });
  const order = sentenceOrder ? sentenceCitationOrder(groups.map((g) => sentenceRank.get(g.paragraphId) ?? null), sentenceOrder) : top.map((_, i) => i);
  const out: RetrievalUnitHit[] = [];
  if (citeAcross && citeAcross.window > 0) {
    for (const { group, record } of citeAcrossParagraphs(query, groups, ordered, order, perParagraph, citeAcross)) {
      const paragraph = top[group] as FusedHit;
      out.push(record ? { ...paragraph, id: record.id, record } : paragraph);
    }
    return out;
  }
  order.forEach((i) => {
    const paragraph = top[i] as FusedHit;
    const chosen = (ordered[i] ?? []).slice(0, perParagraph);
    // A paragraph without propositions (should not happen) is cited as a whole.
    if (chosen.length === 0) out.push(paragraph);
    for (const record of chosen) out.push({ ...paragraph, id: record.id, record });
  });
  return out;
}

type RetrievalUnitHit = FusedHit;

/** Items grouped by key, each group in input order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The paragraph ranking of paragraph-ranked retrieval: fused paragraph and proposition searches,
 * then pseudo-relevance feedback (`options.feedback`), the core BM25F re-scorer (`options.lexical`)
 * and document evidence (`titleWeight`, `propositionWeight`) on the paragraphs. Exported for the 2-fold fit (bench/fit-ranking.ts).
 */
export async function rankParagraphs(deps: RetrievalDeps, query: string, vector: Float32Array | null, filter: VectorFilter, options: RetrievalOptions): Promise<{ paragraphs: FusedHit[]; propositions: FusedHit[] }> {
  const [paragraphs, propositions] = await Promise.all([
    fusedSearch(deps, query, vector, { ...filter, unit: 'paragraph' }, options),
    fusedSearch(deps, query, vector, { ...filter, unit: 'proposition' }, options),
  ]);
  const visible = deps.visibleDocumentIds();
  const expanded = (text: string) => deps.vectors.searchText(text, options.candidates, { ...filter, unit: 'paragraph' })
    .then((hits) => hits.filter((h) => visible.has(h.record.documentId)), () => [] as ScoredHit[]);
  const withFeedback = options.mode === 'dense' ? paragraphs : await applyFeedback(expanded, query, paragraphs, options.feedback);
  let lexical = withFeedback;
  if (options.lexical && options.lexical.weight > 0 && deps.corpusStatistics) {
    const statistics = deps.corpusStatistics();
    const candidates = addSectionCandidates(withFeedback, statistics, deps.paragraph, options.lexical.sectionCandidates ?? 0);
    lexical = rescoreParagraphs(query, candidates, statistics, deps.paragraph, options.lexical);
  }
  const evidence = { titleWeight: options.titleWeight ?? 0, propositionWeight: options.propositionWeight ?? 0 };
  const withEvidence = addDocumentEvidence(lexical, propositions, deps.paragraph, evidence);
  return { paragraphs: fusePropositionRanks(withEvidence, propositions, options.propositionRrf ?? 0), propositions };
}

/** Query-term coverage; a sentence that opens a section also counts its heading's terms at `weight` (decision 0133). */
function coverageOf(query: string, id: string, text: string, openers: ReadonlyMap<string, string>, weight: number): number {
  const own = queryTermCoverage(query, text);
  const heading = openers.get(id);
  if (weight <= 0 || heading === undefined) return own;
  return own + weight * Math.max(0, queryTermCoverage(query, `${heading}\n${text}`) - own);
}

export async function hybridSearch(deps: RetrievalDeps, query: string, options: RetrievalOptions, signal?: AbortSignal): Promise<RetrievalResult> {
  const mode = options.mode ?? 'hybrid';
  const unit = options.unit ?? 'proposition';
  const filter: VectorFilter = {};
  if (options.namespace) filter.namespace = options.namespace;
  if (options.documentIds?.length) filter.documentIds = options.documentIds;
  if (options.experts?.length) filter.experts = options.experts;

  const t0 = performance.now();
  const vector = mode === 'bm25' ? null : await deps.embedQuery(query, signal);
  const t1 = performance.now();
  let ranked: FusedHit[];
  /** Proposition id → the heading of the section it opens (`sectionContext`). */
  const openers = new Map<string, string>();
  // Expert routing labels propositions, not paragraphs: routed queries rank propositions directly.
  if (unit === 'proposition' && options.rankBy === 'paragraph' && deps.propositionsOf && !options.experts?.length) {
    const ranking = await rankParagraphs(deps, query, vector, filter, options);
    const { propositions } = ranking;
    const subject = (options.firstMention ?? 0) > 0 && deps.documentParagraphs ? questionShape(query).subject : [];
    const mentions = subject.length > 0 && deps.documentParagraphs
      ? addFirstMentions(ranking.paragraphs, subject, deps.documentParagraphs, { documents: options.firstMention ?? 0, window: options.citeAcross?.window || Math.max(options.k * 2, options.k + 10) })
      : { paragraphs: ranking.paragraphs, rankAs: new Map<string, number>() };
    const paragraphs = mentions.paragraphs;
    ranked = citeBestPropositions(deps, query, paragraphs, propositions, Math.max(options.k * 2, options.k + 10), options.citesPerParagraph ?? 1, options.answerSelector ?? searchOrderSelector, options.sentenceOrder, options.citeAcross, (options.sectionContext ?? 0) > 0, openers, options.documentContext ?? false, mentions.rankAs);
  } else {
    ranked = await fusedSearch(deps, query, vector, { ...filter, unit }, options);
  }
  const unique = collapseDuplicates(ranked);
  const hits: RetrievedHit[] = unique.slice(0, options.k).map((hit) => ({
    ...hit,
    paragraph: deps.paragraph(hit.record.paragraphId),
    coverage: coverageOf(query, hit.record.id, hit.record.text, openers, options.sectionContext ?? 0),
  }));
  const t2 = performance.now();
  const top = hits[0];
  // BM25-only retrieval has no dense similarity to blend: query-term coverage is the whole evidence.
  const evidence = (h: RetrievedHit): number => (mode === 'bm25' ? h.coverage : 0.5 * Math.max(0, h.denseScore ?? 0) + 0.5 * h.coverage);
  const confidence = top ? Math.max(...hits.slice(0, 3).map(evidence)) : 0;
  return { hits, confidence, timings: { embedMs: t1 - t0, retrieveMs: t2 - t1 } };
}
