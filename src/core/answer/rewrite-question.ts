/**
 * Follow-up rewriting. With an LLM, the model rewrites the question into a stand-alone one;
 * without, a heuristic adds the previous user question's content words when the follow-up
 * leans on it (pronouns, very short questions).
 */
import type { ChatMessage, LlmProvider } from '../ports/llm.ts';
import { buildRewriteMessages } from './build-prompt.ts';
import { contentTerms } from '../retrieval/term-coverage.ts';

const ANAPHORA = /\b(it|its|they|them|their|this|that|these|those|he|she|his|her|there|the same|which one|what about|and)\b/i;

export async function rewriteQuestion(question: string, history: ChatMessage[], llm: LlmProvider | null, signal?: AbortSignal): Promise<string> {
  const previous = [...history].reverse().find((m) => m.role === 'user');
  if (!previous) return question;
  const leansOnHistory = ANAPHORA.test(question) || contentTerms(question).length <= 2;
  if (!leansOnHistory) return question;
  if (llm) {
    try {
      let text = '';
      for await (const event of llm.stream({ messages: buildRewriteMessages(question, history), maxTokens: 100, temperature: 0, ...(signal ? { signal } : {}) })) {
        if (event.type === 'answer-delta') text += event.text;
      }
      const rewritten = text.trim().split('\n')[0]?.trim() ?? '';
      if (rewritten.length > 3 && rewritten.length < 500) return rewritten;
    } catch {
      // fall back to the heuristic below
    }
  }
  const missing = contentTerms(previous.content).filter((t) => !contentTerms(question).includes(t));
  const extra = [...new Set((previous.content.match(/[\p{L}\p{N}-]+/gu) ?? []).filter((w) => missing.includes(w.toLowerCase().replace(/(ies|es|s|ing|ed|ly)$/u, '') || w.toLowerCase())))];
  return extra.length ? `${question} (${extra.slice(0, 8).join(' ')})` : question;
}
