/**
 * Retrieval settings that depend on the embedder actually in use. With FUSION=auto: the weighted fusion fitted
 * for the lexical hash embedder (0.1 dense / 0.9 BM25, docs/evaluation.md), plain reciprocal rank fusion
 * (equal weights, k = RETRIEVAL rrfK, Cormack et al. 2009) for a semantic embedder, whose fusion was not
 * measured here; and no dense search at all when the vectors are placeholders (BM25-only).
 */
import type { PropoConfig } from '../core/config/index.ts';
import type { FusionOptions } from '../core/retrieval/fuse.ts';
import type { RetrievalMode } from '../core/retrieval/hybrid-search.ts';
import type { DenseKind } from '../providers/embedders/resolve-embedder.ts';

export interface RetrievalSettings extends FusionOptions { mode: RetrievalMode }

export function retrievalSettings(retrieval: PropoConfig['retrieval'], dense: DenseKind): RetrievalSettings {
  const mode: RetrievalMode = dense === 'none' ? 'bm25' : 'hybrid';
  const configured = { denseWeight: retrieval.denseWeight, bm25Weight: retrieval.bm25Weight, rrfK: retrieval.rrfK };
  if (retrieval.fusion !== 'auto') return { mode, method: retrieval.fusion, ...configured };
  if (dense === 'semantic') return { mode, method: 'rrf', denseWeight: 0.5, bm25Weight: 0.5, rrfK: retrieval.rrfK };
  return { mode, method: 'weighted', ...configured };
}
