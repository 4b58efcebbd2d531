/**
 * The answer when no LLM is configured: the best propositions, quoted verbatim with their
 * citations, clearly labelled as extractive.
 */
import { formatCitation } from './citation-marker.ts';
import type { CitableSpan } from './citation-checker.ts';

export const EXTRACTIVE_LABEL = 'Extractive answer (no LLM configured; quoted from your documents):';

export function composeExtractiveAnswer(spans: CitableSpan[], maxSentences = 3): string {
  const chosen: CitableSpan[] = [];
  const paragraphs = new Set<string>();
  for (const span of spans) {
    if (chosen.length >= maxSentences) break;
    if (paragraphs.has(span.paragraphId) && chosen.length > 0) continue;
    paragraphs.add(span.paragraphId);
    chosen.push(span);
  }
  const lines = chosen.map((s) => `- ${s.text.replace(/\s+/g, ' ').trim()} ${formatCitation(s)}`);
  return `${EXTRACTIVE_LABEL}\n${lines.join('\n')}`;
}
