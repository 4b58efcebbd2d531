/**
 * The default, LLM-free propositionizer: sentences, with long sentences split only where an
 * independent clause with its own subject and verb begins (issue 12 item 9): after "; " or after
 * ", and|but|so|yet " when what follows opens with a subject (a pronoun, a determiner or a
 * capitalised word) and holds a verb. The conjunction belongs to neither proposition. Relative and
 * concessive clauses (", which", ", while", ", although"), colons and leading clauses ("With a
 * 2 trillion token database, our model obtains …") stay with the clause they qualify, so no
 * proposition is a fragment that lost its subject or predicate. Spans are exact by construction
 * (every proposition's text is `pageText.slice(start, end)`); near-empty fragments are dropped.
 *
 * A sentence cut by a line break before a capital or a symbol (the text layer of a PDF: "For the base
 * model, we use a rate of\nPdrop = 0.1.") is joined again: a symbolic piece (no verb, and an operator or
 * mostly numbers and symbols) joins the unterminated sentence before it, and so does any piece after a
 * sentence that ends with a function word ("of", "the", "becomes"). A list introducer keeps its ':'.
 */
import { propositionIdFor, type ParagraphRecord, type PropositionRecord } from '../domain/index.ts';
import { segmentSentences } from './segment-sentences.ts';
import { countWords } from './word-runs.ts';
import type { Propositionizer } from './propositionizer.ts';

export interface RulePropositionizerOptions {
  /** Sentences longer than this many words are split into independent clauses. */
  maxWords?: number;
  /** Fragments with fewer words than this are dropped (or merged into a neighbour). */
  minWords?: number;
}

const CLAUSE_BREAK = /;\s+|,\s+(?:and|but|so|yet)\s+/gu;
/** What an independent clause opens with: a pronoun, a determiner or a capitalised word. */
const CLAUSE_SUBJECT = /^(?:we|it|they|he|she|i|you|this|these|those|there|the|a|an|our|its|their|his|her|each|every|all|both|no|such|some|most|one|\p{Lu}[\p{L}\p{N}-]*)(?![\p{L}\p{N}])/u;
/** A personal pronoun is a subject whose next word is (nearly always) its verb. */
const PRONOUN = /^(?:we|they|he|she|i|you)\s/u;
/** A leading subordinate clause that would be cut from the clause it qualifies when no comma closes it. */
const LEADING_CLAUSE = /^(?:As|But|And|So|Yet|Whereas|While|When|If|Although|Though|Because|Since|With|After|Before|Unlike|Using|By|Given|Compared)(?![\p{L}\p{N}])/u;
/** Code (braces, assignments, arrows) is not prose: its semicolons end statements, not clauses. */
const CODE = /[{}]|[^=!<>]=[^=]|=>/u;
/** A finite verb, roughly: an auxiliary or a word in -ed/-es. */
const VERB = /(?<![\p{L}\p{N}])(?:is|are|was|were|be|been|has|have|had|do|does|did|can|cannot|could|will|would|may|might|should|must|[\p{L}]{2,}ed|[\p{L}]{2,}es)(?![\p{L}\p{N}])/iu;

const wordCount = (text: string): number => countWords(text);

/** A sentence end: '.', '!', '?', ':' or ';', then closing quotes or brackets. */
const TERMINATED = /[.!?:;]["'’”)\]]*$/u;
/** A word no English sentence ends with: a preposition, an article, a conjunction, a copula or "becomes". */
const OPEN_END = /(?<![\p{L}\p{N}])(?:of|the|a|an|to|and|or|nor|with|by|for|in|on|at|from|as|into|than|that|is|are|was|were|be|becomes|become|denoted|called|between|where|whose|via|per|its|their|our)$/u;
/** A mathematical operator or relation. */
const OPERATOR = /[=<>≤≥±×÷∑∏∫→←↦≈∼∝∈∉⊂⊆∀∃√·]|:=/u;

/** No verb, and an operator, or mostly numbers, symbols and one-letter tokens ("Pdrop = 0.1.", "F(x)+x."). */
export function isSymbolicPiece(text: string): boolean {
  if (VERB.test(text)) return false;
  if (OPERATOR.test(text)) return true;
  const tokens = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const letterWords = tokens.filter((t) => /^\p{L}{2,}$/u.test(t)).length;
  return tokens.length > 0 && letterWords * 2 < tokens.length;
}

/** Sentence spans with the pieces a line break cut off joined to the sentence they belong to. */
export function joinCutSentences(text: string, spans: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    const previous = out[out.length - 1];
    if (previous) {
      const before = text.slice(previous[0], previous[1]).trimEnd();
      if (!TERMINATED.test(before) && (OPEN_END.test(before) || isSymbolicPiece(text.slice(s, e)))) { previous[1] = e; continue; }
    }
    out.push([s, e]);
  }
  return out;
}

export function createRulePropositionizer(options: RulePropositionizerOptions = {}): Propositionizer {
  const maxWords = options.maxWords ?? 25;
  const minWords = options.minWords ?? 3;

  function clauses(text: string, start: number, end: number): Array<[number, number]> {
    if (countWords(text, start, end) <= maxWords || CODE.test(text.slice(start, end))) return [[start, end]];
    const parts: Array<[number, number]> = [];
    let cursor = start;
    const region = text.slice(start, end);
    for (const match of region.matchAll(CLAUSE_BREAK)) {
      const at = start + match.index;
      // ';' stays with the left clause; a comma before a conjunction is dropped, and so is the conjunction.
      const cut = match[0].startsWith(',') ? at : at + 1;
      const rest = at + match[0].length;
      const left = text.slice(cursor, cut);
      const right = text.slice(rest, end);
      if (wordCount(left) >= minWords + 2 && wordCount(right) >= minWords + 2 && VERB.test(left) && !(LEADING_CLAUSE.test(left) && !left.includes(',')) && (PRONOUN.test(right) || (CLAUSE_SUBJECT.test(right) && VERB.test(right)))) {
        parts.push([cursor, cut]);
        cursor = rest;
      }
    }
    parts.push([cursor, end]);
    return parts;
  }

  return {
    name: 'rule',
    ruleOptions: { maxWords, minWords },
    async propositionize(paragraphs: ParagraphRecord[], pageText: (page: number) => string, context: { file: string }): Promise<PropositionRecord[]> {
      const out: PropositionRecord[] = [];
      for (const paragraph of paragraphs) {
        const text = pageText(paragraph.page);
        const before = out.length;
        const spans: Array<[number, number]> = [];
        for (const [s, e] of joinCutSentences(text, segmentSentences(text, paragraph.start, paragraph.end))) spans.push(...clauses(text, s, e));
        for (const [rawS, rawE] of spans) {
          const [s, e] = trim(text, rawS, rawE);
          if (e <= s || countWords(text, s, e) < minWords) continue;
          const slice = text.slice(s, e);
          out.push({ id: propositionIdFor(paragraph.documentId, paragraph.page, s, e, slice), documentId: paragraph.documentId, file: context.file, page: paragraph.page, start: s, end: e, text: slice, paragraphId: paragraph.id, expert: null });
        }
        // A short paragraph (a title, a list item) still deserves one proposition.
        if (out.length === before && wordCount(paragraph.text) >= 1 && /\p{L}/u.test(paragraph.text)) {
          out.push({ id: propositionIdFor(paragraph.documentId, paragraph.page, paragraph.start, paragraph.end, paragraph.text), documentId: paragraph.documentId, file: context.file, page: paragraph.page, start: paragraph.start, end: paragraph.end, text: paragraph.text, paragraphId: paragraph.id, expert: null });
        }
      }
      return out;
    },
  };
}

/** Leading separators and trailing commas and semicolons go; a trailing ':' stays (a list introducer). */
function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,;:]/u.test(text[start] as string)) start++;
  while (end > start && /[\s,;]/u.test(text[end - 1] as string)) end--;
  return [start, end];
}
