/** Chat history handed to the answerer: the last turns of a session, oldest first. */
import type { ChatMessage } from '../../../core/ports/index.ts';
import type { ChatSession } from '../../../providers/stores/sqlite/index.ts';

/** How many earlier messages a follow-up sees (enough for "and what about it?", small enough for the prompt). */
export const HISTORY_MESSAGES = 10;

export function sessionHistory(session: ChatSession): ChatMessage[] {
  return (session.messages ?? []).slice(-HISTORY_MESSAGES).map((m) => ({ role: m.role, content: m.content }));
}

/** A session title from the first question: one line, at most 60 characters. */
export function titleFromQuestion(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
