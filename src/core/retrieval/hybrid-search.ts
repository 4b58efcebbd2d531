/**
 * Hybrid retrieval over propositions (or paragraphs): dense + BM25 candidates, fused,
 * restricted to visible documents, near-duplicates collapsed, each hit with its parent
 * paragraph. `confidence` (the best hit's dense similarity blended with query-term coverage)
 * is what the "No strong match found." threshold is compared to.
 */
import type { ParagraphRecord, RetrievalUnit } from '../domain/index.ts';
import type { VectorFilter, VectorStore } from '../ports/index.ts';
import { collapseDuplicates } from './collapse-duplicates.ts';
import { fuse, type FusedHit, type FusionOptions } from './fuse.ts';
import { queryTermCoverage } from './term-coverage.ts';

export type RetrievalMode = 'hybrid' | 'dense' | 'bm25';

export interface RetrievalOptions extends FusionOptions {
  k: number;
  candidates: number;
  mode?: RetrievalMode;
  unit?: RetrievalUnit;
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
}

export async function hybridSearch(deps: RetrievalDeps, query: string, options: RetrievalOptions, signal?: AbortSignal): Promise<RetrievalResult> {
  const mode = options.mode ?? 'hybrid';
  const filter: VectorFilter = { unit: options.unit ?? 'proposition' };
  if (options.namespace) filter.namespace = options.namespace;
  if (options.documentIds?.length) filter.documentIds = options.documentIds;
  if (options.experts?.length) filter.experts = options.experts;

  const t0 = performance.now();
  const vector = mode === 'bm25' ? null : await deps.embedQuery(query, signal);
  const t1 = performance.now();
  const [dense, bm25] = await Promise.all([
    vector ? deps.vectors.searchDense(vector, options.candidates, filter) : Promise.resolve([]),
    mode === 'dense' ? Promise.resolve([]) : deps.vectors.searchText(query, options.candidates, filter).catch(() => []),
  ]);
  const visible = deps.visibleDocumentIds();
  const fused = fuse(dense, bm25, options).filter((h) => visible.has(h.record.documentId));
  const unique = collapseDuplicates(fused);
  const hits: RetrievedHit[] = unique.slice(0, options.k).map((hit) => ({
    ...hit,
    paragraph: deps.paragraph(hit.record.paragraphId),
    coverage: queryTermCoverage(query, hit.record.text),
  }));
  const t2 = performance.now();
  const top = hits[0];
  const confidence = top ? Math.max(...hits.slice(0, 3).map((h) => 0.5 * Math.max(0, h.denseScore ?? 0) + 0.5 * h.coverage)) : 0;
  return { hits, confidence, timings: { embedMs: t1 - t0, retrieveMs: t2 - t1 } };
}
