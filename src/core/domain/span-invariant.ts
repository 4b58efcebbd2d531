import { PropoError } from '../errors/index.ts';
import type { PageText, PropositionRecord, ParagraphRecord } from './types.ts';

/**
 * The span invariant, checked on every write: for each proposition,
 * `pageText.slice(start, end)` is its source span, and it lies inside its parent paragraph.
 * (The proposition `text` may be a decontextualised rewrite from the LLM propositionizer;
 * the *span* is what must be exact.)
 */
export function assertSpanInvariant(pages: PageText[], paragraphs: ParagraphRecord[], propositions: PropositionRecord[]): void {
  const pageText = new Map(pages.map((p) => [p.number, p.text]));
  const paragraphById = new Map(paragraphs.map((p) => [p.id, p]));
  for (const paragraph of paragraphs) {
    const text = pageText.get(paragraph.page);
    if (text === undefined || paragraph.start < 0 || paragraph.end > text.length || paragraph.start >= paragraph.end || text.slice(paragraph.start, paragraph.end) !== paragraph.text) {
      throw new PropoError('PROPO_ERR_SPAN_INVARIANT', `paragraph ${paragraph.id} on page ${paragraph.page} does not match its page text [${paragraph.start}, ${paragraph.end})`);
    }
  }
  for (const proposition of propositions) {
    const text = pageText.get(proposition.page);
    const parent = paragraphById.get(proposition.paragraphId);
    const bad =
      text === undefined ||
      !Number.isInteger(proposition.start) || !Number.isInteger(proposition.end) ||
      proposition.start < 0 || proposition.end > text.length || proposition.start >= proposition.end ||
      parent === undefined || parent.page !== proposition.page ||
      proposition.start < parent.start || proposition.end > parent.end;
    if (bad) {
      throw new PropoError('PROPO_ERR_SPAN_INVARIANT', `proposition ${proposition.id} span [${proposition.start}, ${proposition.end}) on page ${proposition.page} is outside its page or paragraph`);
    }
  }
}
