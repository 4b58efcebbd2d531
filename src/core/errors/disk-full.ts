/**
 * Recognises "the disk is full" whichever layer saw it (issue 14 item 3): Node's ENOSPC/EDQUOT,
 * SQLite's SQLITE_FULL (and SHMSIZE, its WAL index failing to grow), and the messages native
 * stores such as LanceDB wrap an OS error in. One mapping for every store, at the error layer.
 */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE']);
const DISK_FULL_TEXT = /no space left on device|database or disk is full|disk quota exceeded|os error 28\b|ENOSPC/i;

export function isDiskFullError(value: unknown, depth = 0): boolean {
  if (!value || typeof value !== 'object' || depth > 4) return false;
  const { code, message, cause } = value as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
  if (typeof message === 'string' && DISK_FULL_TEXT.test(message)) return true;
  return isDiskFullError(cause, depth + 1);
}
