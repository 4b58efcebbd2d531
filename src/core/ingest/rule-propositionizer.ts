/**
 * The default, LLM-free propositionizer: sentences, with long sentences split into clauses
 * at semicolons and coordinating conjunctions. Spans are exact by construction (every
 * proposition's text is `pageText.slice(start, end)`); near-empty fragments are dropped.
 */
import { propositionIdFor, type ParagraphRecord, type PropositionRecord } from '../domain/index.ts';
import { segmentSentences } from './segment-sentences.ts';
import type { Propositionizer } from './propositionizer.ts';

export interface RulePropositionizerOptions {
  /** Sentences longer than this many words are split into clauses. */
  maxWords?: number;
  /** Fragments with fewer words than this are dropped (or merged into a neighbour). */
  minWords?: number;
}

const CLAUSE_BREAK = /(;\s+|,\s+(?:and|but|while|whereas|although|though|which|so|yet)\s+|:\s+(?=\p{Lu}))/gu;

const wordCount = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function createRulePropositionizer(options: RulePropositionizerOptions = {}): Propositionizer {
  const maxWords = options.maxWords ?? 25;
  const minWords = options.minWords ?? 3;

  function clauses(text: string, start: number, end: number): Array<[number, number]> {
    if (wordCount(text.slice(start, end)) <= maxWords) return [[start, end]];
    const parts: Array<[number, number]> = [];
    let cursor = start;
    const region = text.slice(start, end);
    for (const match of region.matchAll(CLAUSE_BREAK)) {
      const at = start + match.index;
      // ';' and ':' stay with the left clause; a comma before a conjunction is dropped.
      const cut = match[0].startsWith(',') ? at : at + 1;
      const rest = at + match[0].length;
      if (wordCount(text.slice(cursor, cut)) >= minWords + 2 && wordCount(text.slice(rest, end)) >= minWords + 2) {
        parts.push([cursor, cut]);
        cursor = skipSpace(text, at + 1);
      }
    }
    parts.push([cursor, end]);
    return parts;
  }

  return {
    name: 'rule',
    async propositionize(paragraphs: ParagraphRecord[], pageText: (page: number) => string, context: { file: string }): Promise<PropositionRecord[]> {
      const out: PropositionRecord[] = [];
      for (const paragraph of paragraphs) {
        const text = pageText(paragraph.page);
        const spans: Array<[number, number]> = [];
        for (const [s, e] of segmentSentences(text, paragraph.start, paragraph.end)) spans.push(...clauses(text, s, e));
        for (const [rawS, rawE] of spans) {
          const [s, e] = trim(text, rawS, rawE);
          if (e <= s || wordCount(text.slice(s, e)) < minWords) continue;
          const slice = text.slice(s, e);
          out.push({ id: propositionIdFor(paragraph.documentId, paragraph.page, s, e, slice), documentId: paragraph.documentId, file: context.file, page: paragraph.page, start: s, end: e, text: slice, paragraphId: paragraph.id, expert: null });
        }
        // A short paragraph (a title, a list item) still deserves one proposition.
        if (!out.some((p) => p.paragraphId === paragraph.id) && wordCount(paragraph.text) >= 1 && /\p{L}/u.test(paragraph.text)) {
          out.push({ id: propositionIdFor(paragraph.documentId, paragraph.page, paragraph.start, paragraph.end, paragraph.text), documentId: paragraph.documentId, file: context.file, page: paragraph.page, start: paragraph.start, end: paragraph.end, text: paragraph.text, paragraphId: paragraph.id, expert: null });
        }
      }
      return out;
    },
  };
}

function skipSpace(text: string, index: number): number {
  while (index < text.length && /\s/u.test(text[index] as string)) index++;
  return index;
}

function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,;:]/u.test(text[start] as string)) start++;
  while (end > start && /[\s,;:]/u.test(text[end - 1] as string)) end--;
  return [start, end];
}
