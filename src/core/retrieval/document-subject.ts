/**
 * A document's subject terms (issue 12, decision 0143): what every sentence of a document is about without
 * repeating it. A question names the paper, the chapter's topic or the program ("How long did it take to train the
 * big Transformer model?", "What is a match guard in Rust?") and the sentence that answers it ("Training took 3.5 days
 * on 8 P100 GPUs.") does not; a sentence of another document, or one that merely mentions the name, wins on that
 * term. The subject is
 * - in a document of at least `minParagraphs` body paragraphs, the stems that at least `share` of its body
 *   paragraphs hold ("transformer" in the Attention paper, "pondernet" in PonderNet's), and
 * - with `title`, the content stems of the document's title (its first short paragraph, `isTitleParagraph`; off).
 * A short document (a Wikipedia paragraph, an abstract) has no frequent stems: its sentences inherit nothing. Stems are the answer features'
 * (answer-features.ts `contentStems`): the scorers inherit them at a weight (`answerContext.document`).
 */
import type { ParagraphRecord } from '../domain/index.ts';
import { contentStems } from './answer-features.ts';
import { isTitleParagraph } from './document-evidence.ts';

export interface DocumentSubjectOptions {
  /** Smallest share of the body paragraphs holding a stem for it to be a subject stem. */
  share: number;
  /** Fewest body paragraphs a document needs for frequent stems to count (the title always does). */
  minParagraphs: number;
  /** Whether the title's stems are subject stems. */
  title: boolean;
}

/**
 * Fitted 2-fold on the real questions with the weight (decision 0143: share 0.1 / 0.15 / 0.2, title on / off); the title lost
 * on both folds (a paper's title names its method, which every sentence then seems to mention).
 */
export const DEFAULT_DOCUMENT_SUBJECT: DocumentSubjectOptions = { share: 0.1, minParagraphs: 10, title: false };

export function documentSubjectStems(paragraphs: readonly Pick<ParagraphRecord, 'page' | 'ordinal' | 'start' | 'end' | 'text'>[], options: DocumentSubjectOptions = DEFAULT_DOCUMENT_SUBJECT): string[] {
  const subject = new Set<string>();
  const bodies: Array<Set<string>> = [];
  for (const paragraph of paragraphs) {
    if (isTitleParagraph(paragraph)) {
      if (options.title) for (const stem of contentStems(paragraph.text)) subject.add(stem);
    } else bodies.push(new Set(contentStems(paragraph.text)));
  }
  if (bodies.length >= options.minParagraphs) {
    const counts = new Map<string, number>();
    for (const stems of bodies) for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    for (const [stem, count] of counts) if (count >= options.share * bodies.length) subject.add(stem);
  }
  return [...subject].sort();
}

/**
 * Subject stems per document, computed on first use and forgotten when `version()` changes (an ingest or delete).
 * `paragraphsOf` reads one document's paragraphs.
 */
export function cachedDocumentSubjects(paragraphsOf: (documentId: string) => readonly Pick<ParagraphRecord, 'page' | 'ordinal' | 'start' | 'end' | 'text'>[], version: () => string, options: DocumentSubjectOptions = DEFAULT_DOCUMENT_SUBJECT): (documentId: string) => readonly string[] {
  let cache = new Map<string, readonly string[]>();
  let cachedVersion: string | null = null;
  return (documentId) => {
    const current = version();
    if (current !== cachedVersion) { cache = new Map(); cachedVersion = current; }
    let stems = cache.get(documentId);
    if (stems === undefined) { stems = documentSubjectStems(paragraphsOf(documentId), options); cache.set(documentId, stems); }
    return stems;
  };
}
