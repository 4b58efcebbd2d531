/**
 * Document evidence for paragraph ranking (decision 0018): a paragraph's fused score plus
 * - `titleWeight` × its document's title score: the title is the document's first paragraph
 *   (page 1, ordinal 0) when it is short — a paper's title, a Markdown/TXT file's first heading —
 *   scored by the same paragraph search, so a document whose title matches the question lifts all
 *   of its paragraphs, not just the title line;
 * - `propositionWeight` × the best score of the paragraph's own propositions in the
 *   proposition-level search (a paragraph with one sentence that matches the question closely).
 * Both lists are fused scores on the same [0, 1] scale (min-max per list, fuse.ts). With both
 * weights 0 the paragraphs come back unchanged.
 */
import type { ParagraphRecord } from '../domain/index.ts';
import type { FusedHit } from './fuse.ts';

export interface DocumentEvidenceOptions {
  titleWeight: number;
  propositionWeight: number;
}

/** Longest first paragraph taken as a title (characters): SciFact titles are ≤ 300, a heading far less. */
export const TITLE_MAX_CHARS = 300;

/** Whether a paragraph is its document's title: the first paragraph of page 1, short. */
export function isTitleParagraph(paragraph: Pick<ParagraphRecord, 'page' | 'ordinal' | 'start' | 'end'>): boolean {
  return paragraph.page === 1 && paragraph.ordinal === 0 && paragraph.end - paragraph.start <= TITLE_MAX_CHARS;
}

export function addDocumentEvidence(
  paragraphs: readonly FusedHit[],
  propositions: readonly FusedHit[],
  paragraphOf: (id: string) => Pick<ParagraphRecord, 'page' | 'ordinal' | 'start' | 'end'> | null,
  options: DocumentEvidenceOptions,
): FusedHit[] {
  if (options.titleWeight === 0 && options.propositionWeight === 0) return [...paragraphs];
  const titleScore = new Map<string, number>();
  const titles = new Set<string>();
  if (options.titleWeight !== 0) {
    for (const hit of paragraphs) {
      const paragraph = paragraphOf(hit.record.paragraphId);
      if (!paragraph || !isTitleParagraph(paragraph)) continue;
      titles.add(hit.id);
      titleScore.set(hit.record.documentId, Math.max(titleScore.get(hit.record.documentId) ?? 0, hit.score));
    }
  }
  const bestProposition = new Map<string, number>();
  for (const hit of propositions) {
    const key = hit.record.paragraphId;
    bestProposition.set(key, Math.max(bestProposition.get(key) ?? 0, hit.score));
  }
  const rescored = paragraphs.map((hit) => {
    // The title itself keeps its own score: its evidence is already counted for the paragraphs it heads.
    const title = titles.has(hit.id) ? 0 : titleScore.get(hit.record.documentId) ?? 0;
    const proposition = bestProposition.get(hit.record.paragraphId) ?? 0;
    return { ...hit, score: hit.score + options.titleWeight * title + options.propositionWeight * proposition };
  });
  return rescored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
