/**
 * The one place errors become HTTP responses: `{ error: { code, message } }` with the
 * catalogue's status. Unknown errors answer 500 with only the request id; the details go to
 * the log, never to the client (no stack traces, no internal paths).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { diskFullError, isDiskFullError, isPropoError, type ErrorCode } from '../../core/errors/index.ts';

export interface ErrorBody { error: { code: ErrorCode; message: string; requestId?: string } }

/** Maps Fastify's own errors (bad JSON, body too large, wrong content type) to catalogue codes. */
function codeForStatus(status: number): ErrorCode {
  if (status === 413) return 'PROPO_ERR_PAYLOAD_TOO_LARGE';
  if (status === 415) return 'PROPO_ERR_UNSUPPORTED_TYPE';
  if (status === 404) return 'PROPO_ERR_NOT_FOUND';
  if (status === 429) return 'PROPO_ERR_RATE_LIMITED';
  return 'PROPO_ERR_VALIDATION';
}

export function registerErrorHandling(server: FastifyInstance): void {
  server.setErrorHandler((thrown: FastifyError | Error, request, reply) => {
    // A full disk seen by any store (SQLite, LanceDB, the files dir) is one typed error (issue 14 item 3).
    const error = !isPropoError(thrown) && isDiskFullError(thrown) ? diskFullError(thrown) : thrown;
    if (isPropoError(error)) {
      if (error.httpStatus >= 500) request.log.error({ err: error, code: error.code }, 'request failed');
      return reply.status(error.httpStatus).send({ error: { code: error.code, message: error.message } } satisfies ErrorBody);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const where = fastifyError.validationContext ?? 'request';
      return reply.status(400).send({ error: { code: 'PROPO_ERR_VALIDATION', message: `Invalid ${where}: ${error.message}` } } satisfies ErrorBody);
    }
    const status = fastifyError.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: codeForStatus(status), message: error.message } } satisfies ErrorBody);
    }
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'PROPO_ERR_INTERNAL', message: `Internal error. Quote request id ${request.id} when reporting it.`, requestId: request.id },
    } satisfies ErrorBody);
  });

  server.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'PROPO_ERR_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.` } } satisfies ErrorBody);
  });
}
