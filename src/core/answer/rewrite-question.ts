/**
 * Follow-up rewriting. A question is rewritten with the chat history only when it depends on it
 * (`dependsOnHistory`); a self-contained question is searched exactly as asked. With an LLM the
 * model rewrites a dependent question into a stand-alone one; without one (or when the model
 * fails), words of the earlier questions it leans on are added to it (`addHistoryTerms`).
 */
import type { ChatMessage, LlmProvider } from '../ports/llm.ts';
import { contentTerms } from '../retrieval/term-coverage.ts';
import { buildRewriteMessages } from './build-prompt.ts';
import { dependsOnHistory, newNames } from './follow-up-dependence.ts';

/** What is searched for a chat question, and what an answer to it must mention. */
export interface SearchPlan {
  /** The question searched: the question itself, or its stand-alone rewrite. */
  searched: string;
  rewritten: boolean;
  /**
   * Terms (stemmed, as `contentTerms`) of names the follow-up brought in that the history did
   * not have; when non-empty, evidence that mentions none of them is no match.
   */
  requiredTerms: string[];
}

/** Earlier user questions a follow-up leans on: the last one, and before it as long as each one was itself a follow-up. */
function antecedents(history: ChatMessage[]): string[] {
  const users = history.filter((m) => m.role === 'user').map((m) => m.content).reverse();
  const out: string[] = [];
  for (const content of users.slice(0, 3)) {
    out.push(content);
    if (!dependsOnHistory(content)) break;
  }
  return out;
}

/** Capitalised words after the first one: the names a pronoun most often stands for. */
function namesIn(text: string): string[] {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []).slice(1).filter((w) => /^\p{Lu}/u.test(w) && w !== 'I');
}

/**
 * Adds words of the earlier questions: all their content words when the follow-up has at most
 * one of its own ("How wide is it?"), otherwise only their names ("… does it use? (Transformer)"),
 * so the follow-up's own words still decide what is found; all content words again when the
 * earlier questions name nothing.
 */
function addHistoryTerms(question: string, earlier: string[]): string {
  const own = new Set(contentTerms(question));
  const names = earlier.flatMap(namesIn);
  const words = own.size > 1 && names.length > 0 ? names : earlier.flatMap((content) => content.match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []);
  const extra: string[] = [];
  for (const word of words) {
    const term = contentTerms(word)[0];
    if (term === undefined || own.has(term)) continue;
    own.add(term);
    extra.push(word);
  }
  return extra.length ? `${question} (${extra.slice(0, 8).join(' ')})` : question;
}

async function llmRewrite(question: string, history: ChatMessage[], llm: LlmProvider, signal?: AbortSignal): Promise<string | null> {
  try {
    let text = '';
    for await (const event of llm.stream({ messages: buildRewriteMessages(question, history), maxTokens: 100, temperature: 0, ...(signal ? { signal } : {}) })) {
      if (event.type === 'answer-delta') text += event.text;
    }
    const rewritten = text.trim().split('\n')[0]?.trim() ?? '';
    return rewritten.length > 3 && rewritten.length < 500 ? rewritten : null;
  } catch {
    return null; // the heuristic rewrite below; an aborted request stops at retrieval
  }
}

/** Decides what to search for `question` given the chat `history` (oldest first). */
export async function planSearch(question: string, history: ChatMessage[], llm: LlmProvider | null, signal?: AbortSignal): Promise<SearchPlan> {
  const earlier = antecedents(history);
  if (earlier.length === 0 || !dependsOnHistory(question)) return { searched: question, rewritten: false, requiredTerms: [] };
  const requiredTerms = newNames(question, history.map((m) => m.content).join('\n'));
  const fromLlm = llm ? await llmRewrite(question, history, llm, signal) : null;
  const searched = fromLlm ?? addHistoryTerms(question, earlier);
  return { searched, rewritten: searched !== question, requiredTerms };
}

/** The stand-alone question searched for `question` (see `planSearch`). */
export async function rewriteQuestion(question: string, history: ChatMessage[], llm: LlmProvider | null, signal?: AbortSignal): Promise<string> {
  return (await planSearch(question, history, llm, signal)).searched;
}

/** True when `requiredTerms` is empty or one of `texts` mentions one of the terms. */
export function mentionsRequired(texts: readonly string[], requiredTerms: readonly string[]): boolean {
  if (requiredTerms.length === 0) return true;
  const present = new Set(texts.flatMap((t) => contentTerms(t)));
  return requiredTerms.some((term) => present.has(term));
}
