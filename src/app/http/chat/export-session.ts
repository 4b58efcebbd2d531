/** A chat session as Markdown (for people) or JSON (for programs), with each answer's citations. */
import type { ChatSession } from '../../../providers/stores/sqlite/index.ts';

interface StoredAnswer { mode?: string; citations?: Array<{ marker?: string; text?: string }>; usage?: { promptTokens?: number; completionTokens?: number; costUsd?: number | null } }

export function sessionToMarkdown(session: ChatSession): string {
  const lines = [`# ${session.title}`, '', `Started ${session.createdAt}`, ''];
  for (const message of session.messages ?? []) {
    lines.push(`## ${message.role === 'user' ? 'Question' : 'Answer'}`, '', message.content, '');
    const answer = message.answer as StoredAnswer | null;
    if (answer?.citations?.length) {
      lines.push('Sources:', '');
      for (const citation of answer.citations) lines.push(`- ${citation.marker ?? ''} “${(citation.text ?? '').replace(/\s+/g, ' ').trim()}”`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name safe for Content-Disposition. */
export function exportFileName(session: ChatSession, extension: 'md' | 'json'): string {
  const base = session.title.replace(/[^A-Za-z0-9 _-]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'chat';
  return `${base}.${extension}`;
}
