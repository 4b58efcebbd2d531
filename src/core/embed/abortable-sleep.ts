/** Abort helpers shared by the embedding stage: one place that turns a cancelled signal into PROPO_ERR_ABORTED. */
import { PropoError } from '../errors/index.ts';
import { abortableSleep as sleep } from '../resilience/abortable-sleep.ts';

/** Throws PROPO_ERR_ABORTED when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new PropoError('PROPO_ERR_ABORTED', 'Embedding was cancelled by the caller. Start it again if that was not intended.', {
      cause: signal.reason,
    });
  }
}

/** Waits `ms` milliseconds (core/resilience), rejecting with PROPO_ERR_ABORTED as soon as the signal aborts. */
export async function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (error) {
    throw new PropoError('PROPO_ERR_ABORTED', 'Embedding was cancelled while waiting to retry.', { cause: error });
  }
}
