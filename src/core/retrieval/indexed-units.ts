import type { RetrievalUnit } from '../domain/index.ts';

/**
 * Which units ingestion indexes for a retrieval configuration: paragraph-ranked proposition
 * retrieval needs both (paragraphs to rank, propositions to cite).
 */
export function indexedUnits(retrieval: { unit: RetrievalUnit; rankBy: 'paragraph' | 'proposition' }): RetrievalUnit[] {
  if (retrieval.unit === 'paragraph') return ['paragraph'];
  return retrieval.rankBy === 'paragraph' ? ['proposition', 'paragraph'] : ['proposition'];
}
