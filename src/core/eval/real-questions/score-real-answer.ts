/**
 * Scores one answer against gold locations, and checks that every gold substring occurs on
 * its page as Propo stores it. A citation hits when it is on a gold document and page and its
 * span text contains that gold substring (whitespace-insensitive, case-sensitive).
 */
import type { AnswerOutcome, GoldLocation, RealQuestion, ScoredAnswer } from './real-questions-types.ts';

/** Maps a dataset document path to the id it was stored under (null when it failed to ingest). */
export type DocumentIds = (document: string) => string | null;

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function citationHits(citation: ScoredAnswer['citations'][number], gold: readonly GoldLocation[], ids: DocumentIds): boolean {
  const text = squash(citation.text);
  return gold.some((g) => ids(g.document) === citation.documentId && g.page === citation.page && text.includes(squash(g.gold)));
}

export function scoreAnswer(question: Pick<RealQuestion, 'id' | 'question' | 'gold'>, answer: ScoredAnswer, ids: DocumentIds): AnswerOutcome {
  const answerable = question.gold.length > 0;
  const cited = answer.citations.slice(0, 3);
  const first = cited[0];
  const goldDocuments = new Set(question.gold.map((g) => ids(g.document)));
  return {
    id: question.id, question: question.question, searchedQuestion: answer.searchedQuestion, mode: answer.mode, answerable,
    firstHit: answerable && first !== undefined && citationHits(first, question.gold, ids),
    top3Hit: answerable && cited.some((c) => citationHits(c, question.gold, ids)),
    refused: !answerable && answer.mode === 'no-match',
    firstOnTopic: first !== undefined && goldDocuments.has(first.documentId),
    cited: cited.map((c) => `${c.file}:${c.page}`),
  };
}

/**
 * Gold locations whose substring is not on its page: `pageText(document, page)` returns the
 * stored page text, or null when the document or page does not exist. Empty = all verified.
 */
export function goldProblems(locations: ReadonlyArray<GoldLocation & { where: string }>, pageText: (document: string, page: number) => string | null): string[] {
  return locations.flatMap((l) => {
    const text = pageText(l.document, l.page);
    if (text === null) return [`${l.where}: ${l.document} has no page ${l.page} in the store (did it ingest?)`];
    return squash(text).includes(squash(l.gold)) ? [] : [`${l.where}: "${l.gold}" is not on page ${l.page} of ${l.document}`];
  });
}
