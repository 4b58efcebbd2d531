/** The one question check for every chat entry point (web chat and the OpenAI-compatible API). */
import { PropoError } from '../../../core/errors/index.ts';

export function checkQuestion(question: string, maxChars: number): string {
  const trimmed = question.trim();
  if (trimmed.length === 0) throw new PropoError('PROPO_ERR_VALIDATION', 'The question is empty. Type a question about your documents.');
  if (trimmed.length > maxChars) {
    throw new PropoError('PROPO_ERR_PAYLOAD_TOO_LARGE', `The question has ${trimmed.length} characters; the limit is ${maxChars}. Shorten it.`);
  }
  return trimmed;
}
