/**
 * Answers a hook-level refusal directly with the API's error shape `{ error: { code, message } }`,
 * so security refusals do not depend on which error handler the HTTP layer installs.
 */
import type { FastifyReply } from 'fastify';
import { PropoError, type ErrorCode } from '../../core/errors/index.ts';
import { retryAfterSeconds } from '../../core/security/index.ts';

export function sendSecurityError(reply: FastifyReply, code: ErrorCode, message: string, retryAfterMs?: number): FastifyReply {
  const error = new PropoError(code, message);
  if (retryAfterMs !== undefined) reply.header('retry-after', String(retryAfterSeconds(retryAfterMs)));
  return reply.code(error.httpStatus).header('cache-control', 'no-store').send({ error: error.toJSON() });
}
