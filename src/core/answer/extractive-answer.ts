/**
 * The answer when no LLM is configured, quoted verbatim with citations and clearly labelled:
 * it leads with the best quotable sentence (the answer selector puts the answering proposition
 * first), names its document and page, quotes a list it introduces (or belongs to) item by item,
 * and then up to two more sentences from other paragraphs. Table and number debris is never
 * quoted as a sentence (quotable-sentence.ts). Returns null when nothing is quotable.
 */
import { formatCitation } from './citation-marker.ts';
import type { CitableSpan } from './citation-checker.ts';
import { isQuotableSentence } from './quotable-sentence.ts';

export const EXTRACTIVE_LABEL = 'Extractive answer (no LLM configured; quoted from your documents):';

/** The list items of a paragraph, or of the paragraph a span's paragraph introduces (ends with ':'). */
export interface ListLookup {
  /** Items of the paragraph when it is a list (one proposition per line, at least two), else []. */
  itemsOf(paragraphId: string): CitableSpan[];
  /** Items of the list paragraph right after this one, when this one ends with ':', else []. */
  itemsIntroducedBy(paragraphId: string): CitableSpan[];
}

export interface ExtractiveAnswer { text: string; quoted: CitableSpan[] }

const MAX_ITEMS = 12;

const clean = (text: string): string => text.replace(/\s+/gu, ' ').trim();
const source = (span: CitableSpan): string => `${span.file}, page ${span.page}`;

export function composeExtractiveAnswer(spans: readonly CitableSpan[], lists?: ListLookup, maxSentences = 3): ExtractiveAnswer | null {
  const quotable = spans.filter((s) => isQuotableSentence(s.text));
  const chosen: CitableSpan[] = [];
  const paragraphs = new Set<string>();
  for (const span of quotable) {
    if (chosen.length >= maxSentences) break;
    if (paragraphs.has(span.paragraphId)) continue;
    paragraphs.add(span.paragraphId);
    chosen.push(span);
  }
  if (chosen.length === 0) return null;
  const quoted: CitableSpan[] = [];
  const lines = [EXTRACTIVE_LABEL];
  chosen.forEach((span, index) => {
    if (index === 1) lines.push('Also relevant:');
    const indent = index === 0 ? '' : '  ';
    // A list item is quoted with its whole list; a sentence that introduces a list, with the list after it.
    const ownItems = lists?.itemsOf(span.paragraphId) ?? [];
    const items = (ownItems.length > 0 ? ownItems : lists?.itemsIntroducedBy(span.paragraphId) ?? []).filter((item) => !quoted.some((q) => q.propositionId === item.propositionId)).slice(0, MAX_ITEMS);
    if (ownItems.length === 0) {
      lines.push(index === 0 ? `From ${source(span)}: ${clean(span.text)} ${formatCitation(span)}` : `- ${clean(span.text)} ${formatCitation(span)} (${source(span)})`);
      quoted.push(span);
    } else {
      lines.push(index === 0 ? `From ${source(span)}:` : `- From ${source(span)}:`);
    }
    for (const item of items) {
      lines.push(`${indent}- ${clean(item.text)} ${formatCitation(item)}`);
      quoted.push(item);
    }
  });
  return { text: lines.join('\n'), quoted };
}
