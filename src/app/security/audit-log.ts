/**
 * The security audit log: logs/security_audit.log, one JSON line per event, each line carrying
 * `"tag":"SECURITY"` so `grep SECURITY` finds them all. Secrets are scrubbed before a line is
 * written (every configured secret value, and any password/token/key field). Rotated by size.
 * Every event increments security_events_total{type}; RATE_LIMIT also rate_limit_hits_total{route}.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PropoMetrics } from '../observability/index.ts';

export const AUDIT_EVENT_TYPES = [
  'AUTH_SUCCESS', 'AUTH_FAILURE', 'ACCOUNT_LOCKED', 'RATE_LIMIT', 'UPLOAD_REJECTED', 'PROMPT_INJECTION_SUSPECTED',
  'CITATION_REJECTED', 'USER_CHANGED', 'CONFIG_CHANGED', 'BACKUP', 'RESTORE', 'CSRF_FAILURE', 'TOKEN_CREATED', 'LOGOUT', 'MCP_INGEST',
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
  /** The last `limit` events (newest last), parsed from the current and rotated files. */
  recent(limit?: number): AuditRecord[];
}

export interface CreateAuditLogOptions {
  logDir: string;
  secrets: string[];
  metrics?: Pick<PropoMetrics, 'securityEventsTotal' | 'rateLimitHitsTotal'>;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
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
  const file = join(options.logDir, 'security_audit.log');
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const secrets = expandSecrets(options.secrets);
  const scrub = (line: string) => secrets.reduce((acc, s) => acc.split(s).join('***').split(JSON.stringify(s).slice(1, -1)).join('***'), line);
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    if (existsSync(file)) renameSync(file, `${file}.1`);
    size = 0;
  };

  return {
    file,
    write(event) {
      const record: AuditRecord = {
        time: (options.now?.() ?? new Date()).toISOString(),
        level: event.level ?? DEFAULT_LEVEL[event.type] ?? 'INFO',
        tag: 'SECURITY',
        type: String(event.type).replace(/[^A-Z0-9_]/gi, '_').slice(0, 64),
        user: event.user ?? null,
        ip: event.ip ?? null,
        requestId: event.requestId ?? null,
        details: scrubFields(event.details ?? {}) as Record<string, unknown>,
      };
      const line = `${scrub(JSON.stringify(record))}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o640 });
      size += bytes;
      options.metrics?.securityEventsTotal.inc({ type: record.type });
      if (record.type === 'RATE_LIMIT') options.metrics?.rateLimitHitsTotal.inc({ route: String(event.details?.route ?? 'unknown') });
    },
    recent(limit = 100) {
      const lines: string[] = [];
      for (const path of [file, ...Array.from({ length: keep }, (_, i) => `${file}.${i + 1}`)]) {
        if (lines.length >= limit || !existsSync(path)) continue;
        const text = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
        lines.unshift(...text.slice(-(limit - lines.length)));
      }
      const records: AuditRecord[] = [];
      for (const line of lines.slice(-limit)) {
        try { records.push(JSON.parse(line) as AuditRecord); } catch { /* a torn line from a crash */ }
      }
      return records;
    },
  };
}
