/**
 * The one base error of Propo. Every failure a user or client can see carries a stable
 * `code` from the catalogue in `error-codes.ts` (documented in docs/errors.md), a message
 * that says what is wrong and what to do, an optional `cause`, and whether retrying can help.
 */
import { isDiskFullError } from './disk-full.ts';
import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.ts';

export interface PropoErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
  retryable?: boolean;
}

export class PropoError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly isRetryable: boolean;

  constructor(code: ErrorCode, message: string, options: PropoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PropoError';
    this.code = code;
    this.details = options.details;
    this.isRetryable = options.retryable ?? ERROR_CATALOGUE[code].retryable;
  }

  /** HTTP status that the error hook answers with. */
  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].httpStatus;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isPropoError(value: unknown): value is PropoError {
  return value instanceof PropoError;
}

/** Wraps anything thrown into a PropoError, keeping an existing one as it is; a full disk is PROPO_ERR_DISK_FULL. */
export function toPropoError(value: unknown, fallback: ErrorCode = 'PROPO_ERR_INTERNAL'): PropoError {
  if (value instanceof PropoError) return value;
  if (isDiskFullError(value)) return diskFullError(value);
  const message = value instanceof Error ? value.message : String(value);
  return new PropoError(fallback, message, { cause: value });
}

/** PROPO_ERR_DISK_FULL for a write that found no space (issue 14 item 3). */
export function diskFullError(cause: unknown, what = 'The data directory'): PropoError {
  return new PropoError('PROPO_ERR_DISK_FULL', `${what} is out of disk space; nothing was half-written. Free space on its filesystem (old backups, logs); Propo keeps serving reads and resumes writes by itself.`, { cause, retryable: true });
}
