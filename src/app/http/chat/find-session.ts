/** Loads a chat session the requesting user may see; 404 otherwise (never reveals others' sessions). */
import { PropoError } from '../../../core/errors/index.ts';
import type { ChatRepository, ChatSession } from '../../../providers/stores/sqlite/index.ts';
import type { RequestUser } from '../../security/register-security.ts';

export function canSee(session: ChatSession, user: RequestUser | null): boolean {
  return user === null || user.role === 'admin' || session.user === null || session.user === user.name;
}

export function findSession(chats: ChatRepository, id: string, user: RequestUser | null): ChatSession {
  const session = chats.get(id);
  if (!session || !canSee(session, user)) throw new PropoError('PROPO_ERR_NOT_FOUND', `No chat session ${id}. Start a new chat.`);
  return session;
}
