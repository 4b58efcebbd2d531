/** Abort helpers shared by the embedding stage: one place that turns a cancelled signal into PROPO_ERR_ABORTED. */
import { PropoError } from '../errors/index.ts';

/** Throws PROPO_ERR_ABORTED when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new PropoError('PROPO_ERR_ABORTED', 'Embedding was cancelled by the caller. Start it again if that was not intended.', {
      cause: signal.reason,
    });
  }
}

/** Waits `ms` milliseconds, rejecting with PROPO_ERR_ABORTED as soon as the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new PropoError('PROPO_ERR_ABORTED', 'Embedding was cancelled while waiting to retry.', { cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new PropoError('PROPO_ERR_ABORTED', 'Embedding was cancelled while waiting to retry.', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
