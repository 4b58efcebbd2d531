/**
 * Section candidates (decision 0120): a section heading among the candidate paragraphs ("5.2 Hardware and
 * Schedule", "Ownership Rules") brings the first paragraphs of its section into the candidates, so that the
 * BM25F re-scorer, which scores a paragraph with its heading (`headingWeight`), can rank a paragraph whose
 * own words miss the question but whose heading carries them. The store's search sees the paragraph alone
 * and may not return it. An added paragraph starts with its heading's first-pass score.
 */
import type { ParagraphRecord } from '../../domain/index.ts';
import type { FusedHit } from '../fuse.ts';
import type { CorpusStatistics } from './corpus-statistics.ts';

export function addSectionCandidates(
  paragraphs: readonly FusedHit[],
  statistics: Pick<CorpusStatistics, 'sectionMembers'>,
  paragraphOf: (id: string) => ParagraphRecord | null,
  perSection: number,
): FusedHit[] {
  if (perSection <= 0) return [...paragraphs];
  const present = new Set(paragraphs.map((hit) => hit.record.paragraphId));
  const out = [...paragraphs];
  for (const hit of paragraphs) {
    const members = statistics.sectionMembers.get(hit.record.paragraphId);
    if (!members) continue;
    for (const id of members.slice(0, perSection)) {
      if (present.has(id)) continue;
      const paragraph = paragraphOf(id);
      if (!paragraph) continue;
      present.add(id);
      out.push({
        ...hit, id, denseScore: null, bm25Score: null, denseRank: null, bm25Rank: null,
        record: { ...hit.record, id, documentId: paragraph.documentId, text: paragraph.text, page: paragraph.page, start: paragraph.start, end: paragraph.end, paragraphId: id },
      });
    }
  }
  return out;
}
