/** The audit log: every event type, grep-compatible lines, metrics, scrubbing and size rotation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetrics } from '../../src/app/observability/index.ts';
import { AUDIT_EVENT_TYPES, createAuditLog } from '../../src/app/security/audit-log.ts';

void test('every event type is one JSON line tagged SECURITY, countable with grep, and counted in metrics', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-audit-'));
  try {
    const metrics = createMetrics({ collectDefaultMetrics: false });
    const log = createAuditLog({ logDir: dir, secrets: [], metrics });
    for (const type of AUDIT_EVENT_TYPES) log.write({ type, user: 'alice', ip: '10.0.0.1', requestId: 'req-1', details: { route: 'chat' } });
    log.write({ type: 'RATE_LIMIT', details: { route: 'upload' } });
    log.write({ type: 'RATE_LIMIT', details: { route: 'chat' } });
    const file = join(dir, 'security_audit.log');
    const refusalsFile = join(dir, 'security_refusals.log');
    const lines = [...readFileSync(file, 'utf8').trim().split('\n'), ...readFileSync(refusalsFile, 'utf8').trim().split('\n')];
    assert.equal(lines.length, AUDIT_EVENT_TYPES.length + 2);
    for (const type of ['RATE_LIMIT', 'CSRF_FAILURE', 'AUTH_FAILURE']) assert.ok(!readFileSync(file, 'utf8').includes(`"type":"${type}"`), `${type} goes to the refusals file`);
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, unknown>;
      assert.deepEqual(Object.keys(record), ['time', 'level', 'tag', 'type', 'user', 'ip', 'requestId', 'details']);
      assert.equal(record.tag, 'SECURITY');
      assert.ok(['INFO', 'WARNING', 'ERROR'].includes(String(record.level)));
    }
    assert.deepEqual(new Set(lines.map((l) => (JSON.parse(l) as { type: string }).type)), new Set(AUDIT_EVENT_TYPES));
    const grepAll = execFileSync('sh', ['-c', `cat "${file}" "${refusalsFile}" | grep -c 'WARNING\\|ERROR\\|SECURITY'`], { encoding: 'utf8' });
    assert.equal(Number(grepAll.trim()), lines.length);
    const rateLimits = execFileSync('sh', ['-c', `grep RATE_LIMIT "${refusalsFile}" | wc -l`], { encoding: 'utf8' });
    assert.equal(Number(rateLimits.trim()), 3);
    const levels = execFileSync('sh', ['-c', `grep -c '"level":"ERROR"' "${file}"`], { encoding: 'utf8' });
    assert.equal(Number(levels.trim()), 1, 'ACCOUNT_LOCKED is an ERROR');
    const security = await metrics.securityEventsTotal.get();
    assert.equal(security.values.find((v) => v.labels.type === 'RATE_LIMIT')?.value, 3);
    assert.equal(security.values.find((v) => v.labels.type === 'LOGOUT')?.value, 1);
    const hits = await metrics.rateLimitHitsTotal.get();
    assert.equal(hits.values.find((v) => v.labels.route === 'chat')?.value, 2);
    assert.equal(hits.values.find((v) => v.labels.route === 'upload')?.value, 1);
    assert.equal(log.recent(5).length, 5);
    assert.equal(log.recent(5).at(-1)?.type, 'RATE_LIMIT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('repeats of one refusal key in a window become one line with a count; other keys and security events are written at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-audit-'));
  try {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const log = createAuditLog({ logDir: dir, secrets: [], aggregateWindowMs: 60_000, maxKeysPerWindow: 3, now: () => new Date(now) });
    for (let i = 0; i < 50; i += 1) log.write({ type: 'RATE_LIMIT', ip: '10.0.0.9', details: { route: 'chat' } });
    for (let i = 0; i < 20; i += 1) log.write({ type: 'AUTH_FAILURE', ip: `10.1.0.${i}`, details: { reason: 'no-credentials', path: '/api/x' } });
    log.write({ type: 'AUTH_SUCCESS', user: 'admin' });
    const read = (name: string) => existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; ip: string | null; details: Record<string, unknown> }) : [];
    assert.equal(read('security_refusals.log').length, 3, 'the first event of each of the 3 allowed keys');
    assert.equal(read('security_audit.log').length, 1);
    now += 61_000;
    log.write({ type: 'RATE_LIMIT', ip: '10.0.0.9', details: { route: 'chat' } });
    const refusals = read('security_refusals.log');
    assert.equal(refusals.find((r) => r.type === 'RATE_LIMIT' && r.details.aggregated === true)?.details.count, 49);
    assert.equal(refusals.find((r) => r.details.reason === 'many-keys')?.details.count, 18, 'keys beyond maxKeys share one line');
    assert.equal(refusals.at(-1)?.details.aggregated, undefined, 'a new window writes its first event at once');
    log.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('secret values and password/token fields are scrubbed before writing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-audit-'));
  try {
    const secrets = ['sk-or-v1-supersecretvalue', 'redis://:p%40ss-w0rd-xyz@localhost:6379'];
    const log = createAuditLog({ logDir: dir, secrets });
    log.write({ type: 'AUTH_FAILURE', user: 'sk-or-v1-supersecretvalue', details: { password: 'hunter2-hunter2', apiToken: 'propo_abc', note: 'key sk-or-v1-supersecretvalue and p@ss-w0rd-xyz', nested: { Authorization: 'Bearer x' } } });
    const text = readFileSync(join(dir, 'security_refusals.log'), 'utf8');
    for (const leaked of ['sk-or-v1-supersecretvalue', 'hunter2-hunter2', 'propo_abc', 'p@ss-w0rd-xyz', 'Bearer x']) assert.ok(!text.includes(leaked), leaked);
    assert.match(text, /\*\*\*/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('the log rotates by size and keeps `keep` old files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-audit-'));
  try {
    const log = createAuditLog({ logDir: dir, secrets: [], maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 100; i += 1) log.write({ type: 'AUTH_SUCCESS', user: `user-${i}`, details: { pad: 'x'.repeat(100) } });
    const file = join(dir, 'security_audit.log');
    for (const path of [file, `${file}.1`, `${file}.2`, `${file}.3`]) {
      assert.ok(existsSync(path), path);
      assert.ok(statSync(path).size <= 2000, `${path} is ${statSync(path).size} bytes`);
    }
    assert.equal(existsSync(`${file}.4`), false);
    assert.equal(log.recent(1)[0]?.user, 'user-99');
    assert.equal(log.recent(15).length, 15, 'recent() also reads rotated files');
    assert.deepEqual(log.recent(15).map((r) => r.user), Array.from({ length: 15 }, (_, i) => `user-${85 + i}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
