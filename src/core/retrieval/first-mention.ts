/**
 * A definition question's first mention (decision 0153): a document introduces a term where it first uses it — a
 * paper's abstract ("We propose FlashAttention, an IO-aware exact attention algorithm …"), a book's section that opens
 * with it ("A match guard is an additional if condition …"). When the term is what the whole document is about it is in
 * almost every paragraph, and BM25 ranks the paragraphs that repeat it most, not the one that introduces it. For a
 * question that asks what X is (`questionShape(...).subject`), the first body paragraph of each top document that
 * names X (all its words, in order) joins the paragraphs the answer scores, at the window's last place and penalised
 * at its document's best rank, unless it is already within the window. The answer features then decide whether it is
 * cited.
 */
import type { ParagraphRecord } from '../domain/index.ts';
import type { FusedHit } from './fuse.ts';

export interface FirstMentionOptions {
  /** Top documents (in order of their best paragraph) whose first mention is added; 0 = off. */
  documents: number;
  /** Ranked paragraphs the first mention must be among already for nothing to be added (the cite-across window). */
  window: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’+#]*/gu;
const bare = (word: string): string => word.replace(/(?:'s|’s|s)$/u, '');

/** A heading or title: short and without a sentence's closing punctuation (as hybrid-search.ts treats them). */
function isHeading(text: string): boolean {
  const trimmed = text.trim();
  return (trimmed.match(/[\p{L}\p{N}]+/gu) ?? []).length <= 12 && !/[.!?;:]$/u.test(trimmed);
}

/** Whether the text holds the subject's words consecutively (case and a plural -s aside). */
export function namesSubject(text: string, subject: readonly string[]): boolean {
  if (subject.length === 0) return false;
  const words = (text.toLowerCase().match(WORD) ?? []).map(bare);
  const wanted = subject.map((w) => bare(w.toLowerCase()));
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, j) => words[i + j] === w)) return true;
  }
  return false;
}

/** The first body paragraph (reading order) that names the subject, or null. */
export function firstMention(paragraphs: readonly ParagraphRecord[], subject: readonly string[]): ParagraphRecord | null {
  for (const p of paragraphs) if (!isHeading(p.text) && namesSubject(p.text, subject)) return p;
  return null;
}

/**
 * The ranked paragraphs with each top document's first mention of `subject` (when it is not already among the first
 * `window`) put at the window's last place, so no ranked paragraph moves up or down but the last; `rankAs` gives each
 * added paragraph the rank of its document's best paragraph, for the cite-across paragraph penalty (an added paragraph
 * competes as that one would). An added paragraph takes that paragraph's scores.
 */
export function addFirstMentions(ranked: readonly FusedHit[], subject: readonly string[], paragraphsOf: (documentId: string) => readonly ParagraphRecord[], options: FirstMentionOptions): { paragraphs: FusedHit[]; rankAs: Map<string, number> } {
  const rankAs = new Map<string, number>();
  if (options.documents <= 0 || subject.length === 0) return { paragraphs: [...ranked], rankAs };
  const out = [...ranked];
  const documents: string[] = [];
  for (const hit of ranked.slice(0, options.window)) {
    if (!documents.includes(hit.record.documentId)) documents.push(hit.record.documentId);
  }
  for (const documentId of documents.slice(0, options.documents)) {
    const mention = firstMention(paragraphsOf(documentId), subject);
    if (!mention) continue;
    const at = out.findIndex((h) => h.record.paragraphId === mention.id);
    if (at >= 0 && at < options.window) continue;
    if (at >= 0) out.splice(at, 1);
    const best = out.findIndex((h) => h.record.documentId === documentId);
    const anchor = out[best] as FusedHit;
    const place = Math.max(best + 1, Math.min(out.length, options.window - 1 - rankAs.size));
    out.splice(place, 0, {
      ...anchor, id: mention.id, denseScore: null, bm25Score: null, denseRank: null, bm25Rank: null,
      record: { ...anchor.record, id: mention.id, documentId, text: mention.text, page: mention.page, start: mention.start, end: mention.end, paragraphId: mention.id },
    });
    rankAs.set(mention.id, best);
  }
  return { paragraphs: out, rankAs };
}
