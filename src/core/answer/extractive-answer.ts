/**
 * The answer when no LLM is configured, quoted verbatim with citations and clearly labelled:
 * it leads with the best quotable sentence (the answer selector puts the answering proposition
 * first), names its document and page, quotes a list it introduces (or belongs to) item by item,
 * and then up to two more sentences from other paragraphs. Table and number debris is never
 * quoted as a sentence, nor a contents page or list of titles (quotable-sentence.ts). Returns null when nothing is quotable.
 */
import { formatCitation } from './citation-marker.ts';
import type { CitableSpan } from './citation-checker.ts';
import { isNavigationList, isQuotableSentence } from './quotable-sentence.ts';

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

export interface ExtractiveOptions {
  /** Sentences quoted (default 3). */
  maxSentences?: number;
  /**
   * true (default): one sentence per paragraph, in retrieval order. false: the first quotable
   * spans in retrieval order, two of one paragraph when retrieval put them first (citations
   * chosen across paragraphs, decision 0080).
   */
  onePerParagraph?: boolean;
  /**
   * The question asks for a list ("What are the ownership rules?"): the first quotable span that belongs to or
   * introduces a list leads, so the list is quoted item by item (issue 12 item 5; decision 0124).
   */
  listFirst?: boolean;
  /**
   * A quoted span that is an item of a list is cited before the other items of its list, which follow in list order
   * (decision 0146): the item retrieval chose is the answer, the list its context. List questions (`listFirst`) keep the
   * list's own order. Default false: the whole list in its order.
   */
  chosenItemFirst?: boolean;
}

export function composeExtractiveAnswer(spans: readonly CitableSpan[], lists?: ListLookup, options: ExtractiveOptions = {}): ExtractiveAnswer | null {
  const maxSentences = options.maxSentences ?? 3;
  const onePerParagraph = options.onePerParagraph ?? true;
  // A span of a list made only of titles (a table of contents, decision 0145) is navigation, not an answer.
  const navigation = (span: CitableSpan): boolean => isNavigationList((lists?.itemsOf(span.paragraphId) ?? []).map((item) => item.text));
  const quotable = spans.filter((s) => isQuotableSentence(s.text) && !navigation(s));
  if (options.listFirst && lists) {
    const list = quotable.findIndex((s) => lists.itemsOf(s.paragraphId).length > 0 || lists.itemsIntroducedBy(s.paragraphId).length > 0);
    if (list > 0) quotable.unshift(...quotable.splice(list, 1));
  }
  const chosen: CitableSpan[] = [];
  const paragraphs = new Set<string>();
  // A list is quoted whole once: a second item of a quoted list adds nothing.
  const listParagraphs = new Set<string>();
  for (const span of quotable) {
    if (chosen.length >= maxSentences) break;
    if (paragraphs.has(span.paragraphId) && (onePerParagraph || listParagraphs.has(span.paragraphId))) continue;
    if (chosen.some((c) => c.propositionId === span.propositionId)) continue;
    paragraphs.add(span.paragraphId);
    if ((lists?.itemsOf(span.paragraphId) ?? []).length > 0) listParagraphs.add(span.paragraphId);
    chosen.push(span);
  }
  if (chosen.length === 0) return null;
  const quoted: CitableSpan[] = [];
  const itemFirstOn = (options.chosenItemFirst ?? false) && !options.listFirst;
  const lines = [EXTRACTIVE_LABEL];
  let index = -1;
  for (const span of chosen) {
    const ownItems = lists?.itemsOf(span.paragraphId) ?? [];
    // Already quoted as an item of a list an earlier sentence introduced.
    if (ownItems.length === 0 && quoted.some((q) => q.propositionId === span.propositionId)) continue;
    index += 1;
    if (index === 1) lines.push('Also relevant:');
    const indent = index === 0 ? '' : '  ';
    // A list item is quoted with its whole list; a sentence that introduces a list, with the list after it.
    const itemFirst = ownItems.length > 0 && itemFirstOn && ownItems.some((item) => item.propositionId === span.propositionId) && !quoted.some((q) => q.propositionId === span.propositionId);
    const items = (ownItems.length > 0 ? ownItems : lists?.itemsIntroducedBy(span.paragraphId) ?? [])
      .filter((item) => !quoted.some((q) => q.propositionId === item.propositionId) && !(itemFirst && item.propositionId === span.propositionId)).slice(0, MAX_ITEMS);
    if (ownItems.length === 0 || itemFirst) {
      lines.push(index === 0 ? `From ${source(span)}: ${clean(span.text)} ${formatCitation(span)}` : `- ${clean(span.text)} ${formatCitation(span)} (${source(span)})`);
      quoted.push(span);
    } else {
      lines.push(index === 0 ? `From ${source(span)}:` : `- From ${source(span)}:`);
    }
    for (const item of items) {
      lines.push(`${indent}- ${clean(item.text)} ${formatCitation(item)}`);
      quoted.push(item);
    }
  }
  return { text: lines.join('\n'), quoted };
}
