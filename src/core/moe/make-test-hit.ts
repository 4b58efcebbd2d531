/** Builds a RetrievedHit for reranker and gate tests (test helper; no production use). */
import type { RetrievedHit } from '../retrieval/hybrid-search.ts';

export function makeTestHit(id: string, text: string, score: number, extra: Partial<RetrievedHit> = {}): RetrievedHit {
  return {
    id, score, denseScore: 0.5, bm25Score: 1, denseRank: 1, bm25Rank: 1, paragraph: null, coverage: 0,
    record: { id, documentId: `doc-${id}`, namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId: `par-${id}`, file: `${id}.txt`, expert: null },
    ...extra,
  };
}
