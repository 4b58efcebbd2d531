/**
 * Does a chat question lean on the conversation before it? Only then is it rewritten with the
 * history; a self-contained question ("What is the capital of Australia?" after a question about
 * Rust) is searched exactly as asked, so its no-match decision is its own (issue 12, item 4).
 *
 * A question depends on the history when it refers back (a third-person pronoun or a
 * demonstrative with no name before it in the question, "the second one", "the same", "the
 * other"), continues the previous one ("And …?", "What about …?", "How about …?", "Also …"),
 * or has no content of its own ("Why?", "Tell me more.", "Can you give an example?").
 */
import { contentTerms } from '../retrieval/term-coverage.ts';

/** Words that ask for more without naming a topic: a question of only these leans on the history. */
const GENERIC = new Set(contentTerms('explain more detail details example examples elaborate mean means meant say said tell give show please again else why how so really ok okay sure else another other one list name describe summarize summarise expand'));

const CONTINUATION = /^\s*(and|but|also|so|then|or|plus|what about|how about|what else|same (?:for|with|question)|ok(?:ay)?,? (?:and|what|how))\b/i;
const REFERRING_PHRASE = /\b(the (?:same|other|former|latter|rest|above|previous|next|last|first|second|third|fourth|fifth) (?:one|ones)?|the (?:first|second|third|fourth|fifth|last|other|next|previous) (?:one|ones|point|rule|item|step|reason|example|option|part)|which one|one of (?:them|those|these)|mentioned|you (?:said|quoted|cited|mentioned))\b/i;
const PRONOUN = /\b(it|its|itself|they|them|their|theirs|themselves|he|him|his|she|hers|this|these|those)\b/i;
/** "that" refers back only as a pronoun ("about that", "is that …"), not as a relative ("the claim that …"). */
const THAT_PRONOUN = /(?:^|\b(?:of|about|in|for|with|from|on|by|to|is|was|does|did|do|mean by|why)\s+)that\b(?!\s+(?:the|a|an)\b)/i;
/** "her" is a pronoun too, but also a determiner; only counted with no name before it (as the rest). */
const HER = /\bher\b/i;

/** A capitalised word after the first one (a name such as Darcy, ResNet, HTTP): a referent inside the question. */
function nameBefore(question: string, index: number): boolean {
  const before = question.slice(0, index);
  const words = before.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
  return words.slice(1).some((w) => /^\p{Lu}/u.test(w) && w !== 'I');
}

function refersBack(question: string): boolean {
  for (const pattern of [PRONOUN, THAT_PRONOUN, HER]) {
    const match = pattern.exec(question);
    if (match && !nameBefore(question, match.index)) return true;
  }
  return false;
}

/** True when the question cannot be searched on its own and should be rewritten with the history. */
export function dependsOnHistory(question: string): boolean {
  if (CONTINUATION.test(question) || REFERRING_PHRASE.test(question)) return true;
  if (contentTerms(question).every((term) => GENERIC.has(term))) return true;
  return refersBack(question);
}

/**
 * Names the question brings in that the history does not have (e.g. "Australia" in "And the
 * capital of Australia?" after a question about Rust). When a rewritten question carries such a
 * name, an answer must come from evidence that mentions it: the history's words may not carry
 * the retrieval alone.
 */
export function newNames(question: string, historyText: string): string[] {
  const known = new Set(contentTerms(historyText));
  const words = question.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
  const names = words.slice(1).filter((w) => /^\p{Lu}/u.test(w) && w !== 'I').flatMap((w) => contentTerms(w));
  return [...new Set(names.filter((term) => !known.has(term)))];
}
