/**
 * The security audit log, one JSON line per event, each line carrying `"tag":"SECURITY"` so
 * `grep SECURITY logs/security_*.log` finds them all. Secrets are scrubbed before a line is
 * written (every configured secret value, and any password/token/key field).
 *
 * Two files with their own size budgets (issue 14): refusals anyone can cause without logging in
 * (rate limits, CSRF, 401s, backoff/locked logins, bad passwords for unknown accounts) go to
 * logs/security_refusals.log; every other event to logs/security_audit.log, which unauthenticated
 * traffic therefore cannot rotate away. Repeated refusals are aggregated per key and window
 * (audit-aggregator.ts). Every event increments security_events_total{type}; RATE_LIMIT also
 * rate_limit_hits_total{route}, so the metrics stay exact while the files stay small.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PropoMetrics } from '../observability/index.ts';
import { createAuditAggregator } from './audit-aggregator.ts';
import { createAuditFile } from './audit-file.ts';

export const AUDIT_EVENT_TYPES = [
  'AUTH_SUCCESS', 'AUTH_FAILURE', 'ACCOUNT_LOCKED', 'RATE_LIMIT', 'UPLOAD_REJECTED', 'PROMPT_INJECTION_SUSPECTED',
  'CITATION_REJECTED', 'USER_CHANGED', 'CONFIG_CHANGED', 'BACKUP', 'RESTORE', 'CSRF_FAILURE', 'TOKEN_CREATED', 'TOKEN_REVOKED', 'LOGOUT', 'MCP_INGEST',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type AuditLevel = 'INFO' | 'WARNING' | 'ERROR';

export interface AuditEvent {
  type: AuditEventType | (string & {});
  level?: AuditLevel;
  user?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord { time: string; level: AuditLevel; tag: 'SECURITY'; type: string; user: string | null; ip: string | null; requestId: string | null; details: Record<string, unknown> }

export interface AuditLog {
  readonly file: string;
  write(event: AuditEvent): void;
  /** The last `limit` events (newest last), parsed from both files and their rotations. */
  recent(limit?: number): AuditRecord[];
  /** Writes the counts of aggregated refusals still pending. */
  flush(): void;
  /** Flushes and stops the window timer. */
  close(): void;
  /** Lines that could not be written (e.g. the disk was full). */
  readonly droppedLines: number;
}

export interface CreateAuditLogOptions {
  logDir: string;
  secrets: string[];
  metrics?: Pick<PropoMetrics, 'securityEventsTotal' | 'rateLimitHitsTotal'>;
  /** Budget of security_audit.log: bytes per file and rotated files kept (default 10 MB × 5). */
  maxBytes?: number;
  keep?: number;
  /** Budget of security_refusals.log (default 10 MB × 2). */
  refusalsMaxBytes?: number;
  refusalsKeep?: number;
  /** Window over which repeated refusals of one key become one line (default 60 s). */
  aggregateWindowMs?: number;
  /** Distinct refusal keys per window before the rest share one line per type (default 500). */
  maxKeysPerWindow?: number;
  now?: () => Date;
}

export const AUDIT_FILE = 'security_audit.log';
export const REFUSALS_FILE = 'security_refusals.log';

/** True for events an outside client can produce without valid credentials, in any volume. */
export function isRefusal(event: AuditEvent): boolean {
  const reason = event.details?.reason;
  if (event.type === 'RATE_LIMIT' || event.type === 'CSRF_FAILURE') return true;
  if (event.type === 'AUTH_FAILURE') return reason !== 'bad-credentials' || String(event.user ?? '').startsWith('unknown:');
  if (event.type === 'ACCOUNT_LOCKED') return reason === 'locked';
  return false;
}

const DEFAULT_LEVEL: Partial<Record<string, AuditLevel>> = {
  AUTH_FAILURE: 'WARNING', ACCOUNT_LOCKED: 'ERROR', RATE_LIMIT: 'WARNING', UPLOAD_REJECTED: 'WARNING',
  PROMPT_INJECTION_SUSPECTED: 'WARNING', CITATION_REJECTED: 'WARNING', CSRF_FAILURE: 'WARNING',
};
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential/i;

/** Replaces secret-named fields by `***`, recursively; bounds depth and string sizes. */
export function scrubFields(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.length > 2000 ? `${value.slice(0, 2000)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrubFields(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '***' : scrubFields(v, depth + 1)]));
  }
  return value;
}

/** Secret values plus the password part of URLs such as REDIS_URL, longest first. */
export function expandSecrets(secrets: string[]): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (secret.length >= 4) all.add(secret);
    try {
      const url = new URL(secret);
      for (const part of [url.password, decodeURIComponent(url.password)]) if (part.length >= 4) all.add(part);
    } catch { /* not a URL */ }
  }
  return [...all].sort((a, b) => b.length - a.length);
}

export function createAuditLog(options: CreateAuditLogOptions): AuditLog {
  mkdirSync(options.logDir, { recursive: true });
  const main = createAuditFile(join(options.logDir, AUDIT_FILE), options.maxBytes ?? 10 * 1024 * 1024, options.keep ?? 5);
  const refusals = createAuditFile(join(options.logDir, REFUSALS_FILE), options.refusalsMaxBytes ?? 10 * 1024 * 1024, options.refusalsKeep ?? 2);
  const secrets = expandSecrets(options.secrets);
  const scrub = (line: string) => secrets.reduce((acc, s) => acc.split(s).join('***').split(JSON.stringify(s).slice(1, -1)).join('***'), line);
  const now = () => options.now?.() ?? new Date();

  const writeLine = (event: AuditEvent) => {
    const record: AuditRecord = {
      time: now().toISOString(),
      level: event.level ?? DEFAULT_LEVEL[event.type] ?? 'INFO',
      tag: 'SECURITY',
      type: String(event.type).replace(/[^A-Z0-9_]/gi, '_').slice(0, 64),
      user: event.user ?? null,
      ip: event.ip ?? null,
      requestId: event.requestId ?? null,
      details: scrubFields(event.details ?? {}) as Record<string, unknown>,
    };
    try {
      (isRefusal(event) ? refusals : main).append(`${scrub(JSON.stringify(record))}\n`);
    } catch {
      // A full disk must not turn a request into a 500 or stop recovery (issue 14 item 3); the
      // event is still counted in security_events_total.
      droppedLines += 1;
    }
  };
  let droppedLines = 0;
  const windowMs = options.aggregateWindowMs ?? 60_000;
  const aggregator = createAuditAggregator({ windowMs, maxKeys: options.maxKeysPerWindow ?? 500, now: () => now().getTime(), emit: writeLine });
  const timer = setInterval(() => aggregator.flushIfDue(), Math.max(100, windowMs));
  timer.unref();

  return {
    file: main.path,
    write(event) {
      aggregator.record(event);
      options.metrics?.securityEventsTotal.inc({ type: String(event.type).replace(/[^A-Z0-9_]/gi, '_').slice(0, 64) });
      if (event.type === 'RATE_LIMIT') options.metrics?.rateLimitHitsTotal.inc({ route: String(event.details?.route ?? 'unknown') });
    },
    recent(limit = 100) {
      aggregator.flushIfDue();
      const records: AuditRecord[] = [];
      for (const line of [...main.tail(limit), ...refusals.tail(limit)]) {
        try { records.push(JSON.parse(line) as AuditRecord); } catch { /* a torn line from a crash */ }
      }
      return records.sort((a, b) => a.time.localeCompare(b.time)).slice(-limit);
    },
    flush: () => aggregator.flush(),
    get droppedLines() { return droppedLines; },
    close() {
      clearInterval(timer);
      aggregator.flush();
    },
  };
}
