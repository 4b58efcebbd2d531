/**
 * Finds list items for extractive answers from stored paragraphs and propositions: a paragraph is
 * a list when it has at least two lines and every one of its propositions lies on a single line
 * (Markdown and TXT lists; wrapped PDF prose has sentences across lines and is not a list).
 */
import type { ParagraphRecord, PropositionRecord } from '../domain/index.ts';
import type { CitableSpan } from './citation-checker.ts';
import type { ListLookup } from './extractive-answer.ts';

export interface ListLookupDeps {
  paragraph(id: string): ParagraphRecord | null;
  nextParagraph(id: string): ParagraphRecord | null;
  propositionsOf(paragraphIds: string[]): PropositionRecord[];
}

export function createListLookup(deps: ListLookupDeps): ListLookup {
  const itemsOf = (paragraphId: string): CitableSpan[] => {
    const paragraph = deps.paragraph(paragraphId);
    if (!paragraph || paragraph.text.trim().split(/\n/u).filter((line) => line.trim()).length < 2) return [];
    const items = deps.propositionsOf([paragraphId]);
    if (items.length < 2 || items.some((p) => p.text.includes('\n'))) return [];
    return items.map((p) => ({ file: p.file, page: p.page, start: p.start, end: p.end, text: p.text, documentId: p.documentId, propositionId: p.id, paragraphId: p.paragraphId }));
  };
  return {
    itemsOf,
    itemsIntroducedBy(paragraphId) {
      const paragraph = deps.paragraph(paragraphId);
      if (!paragraph?.text.trim().endsWith(':')) return [];
      const next = deps.nextParagraph(paragraphId);
      return next ? itemsOf(next.id) : [];
    },
  };
}
