/** Maps an OpenAI chat completion request onto Propo's question + history. */
import { PropoError } from '../../../core/errors/index.ts';
import type { ChatMessage } from '../../../core/ports/index.ts';

export interface OpenAiMessage { role: string; content: string | Array<{ type: string; text?: string }> | null }

export interface OpenAiChatBody {
  model?: string;
  messages: OpenAiMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  /** Propo extension: documents to search in. */
  document_ids?: string[];
  /** Propo extension: a collection id or name to scope retrieval to. */
  collection?: string;
}

function textOf(content: OpenAiMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  // Parts come from untrusted JSON: anything that is not a text part (null, numbers...) is ignored.
  return content
    .filter((part): part is { type: string; text: string } => typeof part === 'object' && part !== null && part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text).join('\n');
}

/** The last user message is the question; earlier user/assistant messages are the history. */
export function toQuestion(body: OpenAiChatBody): { question: string; history: ChatMessage[] } {
  const lastUser = body.messages.map((m) => m.role).lastIndexOf('user');
  if (lastUser < 0) throw new PropoError('PROPO_ERR_VALIDATION', 'messages has no user message. Send the question as the last message with role "user".');
  const history = body.messages.slice(0, lastUser)
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: textOf(m.content) }))
    .filter((m) => m.content.trim() !== '');
  return { question: textOf(body.messages[lastUser]?.content ?? ''), history };
}
