/**
 * Reciprocal-rank fusion of the paragraph ranking with the proposition ranking (issue 12 item 2, measured in
 * docs/evaluation.md): each ranked paragraph scores 1/(k + its rank) + weight/(k + the rank of its best
 * proposition in the proposition search), a paragraph without a ranked proposition gets only the first part.
 * Weight 0 or absent leaves the paragraphs unchanged.
 */
import type { FusedHit } from './fuse.ts';

export function fusePropositionRanks(paragraphs: readonly FusedHit[], propositions: readonly FusedHit[], weight: number, k = 60): FusedHit[] {
  if (weight <= 0) return [...paragraphs];
  const best = new Map<string, number>();
  propositions.forEach((hit, rank) => { if (!best.has(hit.record.paragraphId)) best.set(hit.record.paragraphId, rank + 1); });
  return paragraphs
    .map((hit, rank) => {
      const propositionRank = best.get(hit.record.paragraphId);
      return { ...hit, score: 1 / (k + rank + 1) + (propositionRank === undefined ? 0 : weight / (k + propositionRank)) };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
