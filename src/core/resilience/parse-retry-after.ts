/**
 * Parses an HTTP `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds (`"1"`, `"2.5"`)
 * or an HTTP-date. Returns the wait in milliseconds (never negative), or null when absent or
 * unreadable so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
