/**
 * An AbortController tied to a parent signal and an optional time limit, whose abort reason is
 * always a PropoError: PROPO_ERR_ABORTED when the caller cancels (unless the parent already carries
 * a PropoError, e.g. an outer timeout), or the caller-built timeout error when the limit passes.
 * Catch blocks then rethrow `signal.reason` instead of guessing why a fetch failed.
 */
import { PropoError, isPropoError } from '../errors/index.ts';

export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** Stops the time limit (e.g. once the first token arrived); the parent link stays. */
  clearTimer(): void;
  /** Aborts now with the given reason (default PROPO_ERR_ABORTED). */
  abort(reason?: PropoError): void;
  /** Clears the timer, unlinks from the parent and aborts so any open connection is closed. */
  dispose(): void;
}

export interface LinkedAbortOptions {
  parent?: AbortSignal | undefined;
  timeoutMs?: number;
  /** Builds the error a timeout aborts with. */
  timeoutError?: () => PropoError;
}

function abortedError(): PropoError {
  return new PropoError('PROPO_ERR_ABORTED', 'The operation was cancelled by the caller. Nothing to fix unless this was unexpected.');
}

export function createLinkedAbort(options: LinkedAbortOptions = {}): LinkedAbort {
  const controller = new AbortController();
  const { parent } = options;
  const onParentAbort = (): void => {
    controller.abort(isPropoError(parent?.reason) ? parent.reason : abortedError());
  };
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  if (options.timeoutMs !== undefined && !controller.signal.aborted) {
    const makeError = options.timeoutError ?? (() => new PropoError('PROPO_ERR_TIMEOUT', `The operation took longer than ${options.timeoutMs} ms. Try again or raise the time limit.`));
    timer = setTimeout(() => controller.abort(makeError()), options.timeoutMs);
  }
  const clearTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    signal: controller.signal,
    clearTimer,
    abort(reason) {
      controller.abort(reason ?? abortedError());
    },
    dispose() {
      clearTimer();
      parent?.removeEventListener('abort', onParentAbort);
      if (!controller.signal.aborted) controller.abort(abortedError());
    },
  };
}
