/**
 * `bin/propo security audit`: checks the deployment for the usual mistakes — auth off, default
 * credentials, readable .env or data dir, vulnerable dependencies (npm audit, when reachable),
 * no TLS in front, Redis without a password. Each finding has a severity; high fails the audit.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isWeakPassword, type PropoConfig } from '../../core/config/index.ts';
import { isLoopbackHost } from './assert-safe-bind.ts';

export type Severity = 'high' | 'medium' | 'low' | 'info';
export interface Finding { id: string; severity: Severity; message: string; fix?: string }

export interface AuditOptions {
  cwd: string;
  /** Run `npm audit --json` (default true); skipped with a finding when it fails or times out. */
  npmAudit?: boolean;
  npmTimeoutMs?: number;
}

function permissionFindings(path: string, id: string, what: string): Finding[] {
  if (!existsSync(path)) return [{ id, severity: 'info', message: `${what} ${path} does not exist.` }];
  const mode = statSync(path).mode & 0o777;
  const octal = mode.toString(8).padStart(3, '0');
  if (mode & 0o044) return [{ id, severity: 'high', message: `${what} ${path} is readable by group or others (mode ${octal}).`, fix: `chmod ${statSync(path).isDirectory() ? '700' : '600'} ${path}` }];
  if (mode & 0o022) return [{ id, severity: 'medium', message: `${what} ${path} is writable by group or others (mode ${octal}).`, fix: `chmod go-w ${path}` }];
  return [{ id, severity: 'info', message: `${what} ${path} has mode ${octal}.` }];
}

function npmAudit(cwd: string, timeoutMs: number): Promise<Finding> {
  return new Promise((resolve) => {
    execFile('npm', ['audit', '--json', '--omit=dev'], { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => {
      try {
        const report = JSON.parse(stdout) as { metadata?: { vulnerabilities?: Record<string, number> }; error?: { summary?: string } };
        const counts = report.metadata?.vulnerabilities;
        if (!counts) throw new Error(report.error?.summary ?? 'no vulnerability metadata');
        const serious = (counts.critical ?? 0) + (counts.high ?? 0);
        const summary = Object.entries(counts).filter(([k, v]) => k !== 'total' && v > 0).map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
        resolve({ id: 'dependencies', severity: serious > 0 ? 'high' : (counts.moderate ?? 0) > 0 ? 'medium' : 'info', message: `npm audit: ${summary}.`, ...(serious > 0 ? { fix: 'run `npm audit fix` and redeploy' } : {}) });
      } catch (parseError) {
        const reason = error?.killed ? 'timed out' : (parseError as Error).message.slice(0, 120);
        resolve({ id: 'dependencies', severity: 'info', message: `npm audit skipped (${reason}; offline?).` });
      }
    });
  });
}

export async function runSecurityAudit(config: PropoConfig, options: AuditOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const exposed = !isLoopbackHost(config.server.host);
  if (!config.auth.enabled) {
    findings.push({ id: 'auth', severity: exposed ? 'high' : 'medium', message: `Authentication is off${exposed ? ` and the server listens on ${config.server.host}` : ''}.`, fix: 'set GRADIO_AUTH_ENABLED=true with GRADIO_AUTH_USER / GRADIO_AUTH_PASS (or HOST=127.0.0.1)' });
  } else {
    findings.push({ id: 'auth', severity: 'info', message: 'Authentication is on.' });
    if (isWeakPassword(config.auth.pass)) findings.push({ id: 'credentials', severity: 'high', message: 'The admin password is a default, empty or shorter than 8 characters.', fix: 'set GRADIO_AUTH_PASS to a strong password (12+ characters)' });
  }
  findings.push(...permissionFindings(join(options.cwd, '.env'), 'env-file', 'The .env file'));
  findings.push(...permissionFindings(config.dataDir, 'data-dir', 'The data directory'));
  if (!config.server.trustProxy && exposed) {
    findings.push({ id: 'tls', severity: 'medium', message: `The server listens on ${config.server.host} without TLS; session cookies are not marked Secure.`, fix: 'put a TLS-terminating proxy (nginx, haproxy, Caddy) in front and set TRUST_PROXY=true' });
  }
  if (config.redis.url) {
    let password = '';
    try { password = new URL(config.redis.url).password; } catch { /* reported by config validation */ }
    if (!password) findings.push({ id: 'redis', severity: 'medium', message: 'REDIS_URL has no password.', fix: 'enable requirepass / ACLs and use redis://:password@host:6379' });
  }
  if (options.npmAudit ?? true) findings.push(await npmAudit(options.cwd, options.npmTimeoutMs ?? 20_000));
  else findings.push({ id: 'dependencies', severity: 'info', message: 'npm audit skipped (--no-npm).' });
  return findings;
}
