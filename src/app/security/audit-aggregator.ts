/**
 * Aggregates repeated refusals (issue 14, items 1 and 13): the first event of a key in a window
 * is written at once; repeats of that key in the same window become one line with a `count`
 * when the window ends. The number of keys per window is bounded: beyond `maxKeys`, repeats of
 * a type share one overflow key. So unauthenticated floods write O(keys) lines per window, not
 * one line per request.
 */
import type { AuditEvent } from './audit-log.ts';

export interface AggregatorOptions {
  windowMs: number;
  maxKeys: number;
  now: () => number;
  /** Receives events to write: originals and, at window end, `{ ...last, details: { count, … } }`. */
  emit: (event: AuditEvent) => void;
}

interface Bucket { first: number; last: number; repeats: number; event: AuditEvent }

/** Types an outside client can produce at will; each is aggregated per key. */
const AGGREGATED = new Set(['RATE_LIMIT', 'AUTH_FAILURE', 'CSRF_FAILURE', 'ACCOUNT_LOCKED']);

export function aggregationKey(event: AuditEvent): string | null {
  if (!AGGREGATED.has(String(event.type))) return null;
  const details = event.details ?? {};
  return JSON.stringify([event.type, event.ip ?? null, event.user ?? null, details.reason ?? null, details.route ?? null, details.path ?? null]);
}

export function createAuditAggregator(options: AggregatorOptions) {
  let windowStart = options.now();
  let buckets = new Map<string, Bucket>();
  const overflow = new Map<string, Bucket>();

  const flush = () => {
    const ended = [...buckets.values(), ...overflow.values()];
    buckets = new Map();
    overflow.clear();
    windowStart = options.now();
    for (const bucket of ended) {
      if (bucket.repeats === 0) continue;
      const { event } = bucket;
      options.emit({
        ...event,
        requestId: null,
        details: { ...event.details, aggregated: true, count: bucket.repeats, firstAt: new Date(bucket.first).toISOString(), lastAt: new Date(bucket.last).toISOString() },
      });
    }
  };

  return {
    /** Writes or counts one event. */
    record(event: AuditEvent): void {
      const at = options.now();
      if (at - windowStart >= options.windowMs) flush();
      const key = aggregationKey(event);
      if (key === null) {
        options.emit(event);
        return;
      }
      const bucket = buckets.get(key);
      if (bucket) {
        bucket.repeats += 1;
        bucket.last = at;
        bucket.event = event;
        return;
      }
      if (buckets.size < options.maxKeys) {
        buckets.set(key, { first: at, last: at, repeats: 0, event });
        options.emit(event);
        return;
      }
      // Too many distinct keys in this window: count the rest per type, without ip/user.
      const type = String(event.type);
      const shared = overflow.get(type);
      if (shared) {
        shared.repeats += 1;
        shared.last = at;
      } else {
        overflow.set(type, { first: at, last: at, repeats: 1, event: { type, ...(event.level ? { level: event.level } : {}), details: { reason: 'many-keys', maxKeys: options.maxKeys } } });
      }
    },
    /** Writes the counts of an ended window (called by a timer and on close). */
    flushIfDue(): void {
      if (options.now() - windowStart >= options.windowMs) flush();
    },
    flush,
  };
}
