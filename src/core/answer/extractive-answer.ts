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
  const lead = quotable[0];
  if (!lead) return null;
  const quoted: CitableSpan[] = [lead];
  const lines = [EXTRACTIVE_LABEL];
  const ownItems = lists?.itemsOf(lead.paragraphId) ?? [];
  const items = ownItems.length > 0 ? ownItems : lists?.itemsIntroducedBy(lead.paragraphId) ?? [];
  if (ownItems.length > 0) {
    lines.push(`From ${source(lead)}:`);
  } else {
    lines.push(`From ${source(lead)}: ${clean(lead.text)} ${formatCitation(lead)}`);
  }
  for (const item of items.slice(0, MAX_ITEMS)) {
    lines.push(`- ${clean(item.text)} ${formatCitation(item)}`);
    quoted.push(item);
  }
  const paragraphs = new Set([lead.paragraphId, ...items.map((i) => i.paragraphId)]);
  const more: CitableSpan[] = [];
  for (const span of quotable.slice(1)) {
    if (more.length >= maxSentences - 1) break;
    if (paragraphs.has(span.paragraphId)) continue;
    paragraphs.add(span.paragraphId);
    more.push(span);
  }
  if (more.length > 0) {
    lines.push('Also relevant:');
    for (const span of more) lines.push(`- ${clean(span.text)} ${formatCitation(span)} (${source(span)})`);
    quoted.push(...more);
  }
  return { text: lines.join('\n'), quoted };
}
