/**
 * Hybrid retrieval over propositions (or paragraphs): dense + BM25 candidates, fused,
 * restricted to visible documents, near-duplicates collapsed, each hit with its parent
 * paragraph. `confidence` (the best hit's dense similarity blended with query-term coverage; coverage
 * alone in BM25-only mode) is what the "No strong match found." threshold is compared to.
 */
import type { ParagraphRecord, PropositionRecord, RetrievalUnit, ScoredHit } from '../domain/index.ts';
import type { VectorFilter, VectorStore } from '../ports/index.ts';
import type { VectorRecord } from '../domain/index.ts';
import { collapseDuplicates } from './collapse-duplicates.ts';
import { fuse, type FusedHit, type FusionOptions } from './fuse.ts';
import { queryTermCoverage } from './term-coverage.ts';

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
  visibleDocumentIds: () => Set<string>;
  paragraph: (id: string) => ParagraphRecord | null;
  /** Propositions of paragraphs (needed for paragraph-ranked retrieval). */
  propositionsOf?: (paragraphIds: string[]) => PropositionRecord[];
  /** The next paragraph on the page: a heading that ranks is cited through the text it introduces. */
  nextParagraph?: (paragraphId: string) => ParagraphRecord | null;
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
 * represented by its best `perParagraph` propositions: those ranked in the proposition-level search
 * (in that order), else the one covering most query terms. A paragraph's propositions follow it
 * directly, so the order of paragraphs (and documents) does not depend on `perParagraph`.
 */
function citeBestPropositions(deps: RetrievalDeps, query: string, paragraphs: FusedHit[], propositions: FusedHit[], k: number, perParagraph: number): RetrievalUnitHit[] {
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
  const out: RetrievalUnitHit[] = [];
  for (const paragraph of top) {
    const body = introduced.get(paragraph.id);
    const ranked = (body ? rankedOf.get(body) : undefined) ?? rankedOf.get(paragraph.id) ?? [];
    let chosen: Array<Omit<VectorRecord, 'vector'>> = ranked.slice(0, perParagraph).map((h) => h.record);
    if (chosen.length === 0) {
      const candidates = byParagraph.get(body ?? paragraph.id) ?? byParagraph.get(paragraph.id) ?? [];
      let best: PropositionRecord | null = null;
      let bestCoverage = -1;
      for (const c of candidates) {
        const coverage = queryTermCoverage(query, c.text);
        if (coverage > bestCoverage) { best = c; bestCoverage = coverage; }
      }
      if (best) chosen = [{ id: best.id, documentId: best.documentId, namespace: paragraph.record.namespace, text: best.text, unit: 'proposition', page: best.page, start: best.start, end: best.end, paragraphId: best.paragraphId, file: best.file, expert: best.expert ?? null }];
    }
    // A paragraph without propositions (should not happen) is cited as a whole.
    if (chosen.length === 0) out.push(paragraph);
    for (const record of chosen) out.push({ ...paragraph, id: record.id, record });
  }
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
  // Expert routing labels propositions, not paragraphs: routed queries rank propositions directly.
  if (unit === 'proposition' && options.rankBy === 'paragraph' && deps.propositionsOf && !options.experts?.length) {
    const [paragraphs, propositions] = await Promise.all([
      fusedSearch(deps, query, vector, { ...filter, unit: 'paragraph' }, options),
      fusedSearch(deps, query, vector, { ...filter, unit: 'proposition' }, options),
    ]);
    ranked = citeBestPropositions(deps, query, paragraphs, propositions, Math.max(options.k * 2, options.k + 10), options.citesPerParagraph ?? 1);
  } else {
    ranked = await fusedSearch(deps, query, vector, { ...filter, unit }, options);
  }
  const unique = collapseDuplicates(ranked);
  const hits: RetrievedHit[] = unique.slice(0, options.k).map((hit) => ({
    ...hit,
    paragraph: deps.paragraph(hit.record.paragraphId),
    coverage: queryTermCoverage(query, hit.record.text),
  }));
  const t2 = performance.now();
  const top = hits[0];
  // BM25-only retrieval has no dense similarity to blend: query-term coverage is the whole evidence.
  const evidence = (h: RetrievedHit): number => (mode === 'bm25' ? h.coverage : 0.5 * Math.max(0, h.denseScore ?? 0) + 0.5 * h.coverage);
  const confidence = top ? Math.max(...hits.slice(0, 3).map(evidence)) : 0;
  return { hits, confidence, timings: { embedMs: t1 - t0, retrieveMs: t2 - t1 } };
}
