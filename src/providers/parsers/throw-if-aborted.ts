/** Cancellation check shared by the parsers. */
import { PropoError } from '../../core/errors/index.ts';

/** Throws PROPO_ERR_ABORTED when `signal` has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, fileName: string): void {
  if (signal?.aborted === true) {
    throw new PropoError('PROPO_ERR_ABORTED', `Parsing ${fileName} was cancelled. Start the ingestion again if needed.`, {
      cause: signal.reason,
    });
  }
}
