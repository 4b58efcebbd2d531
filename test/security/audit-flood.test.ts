/**
 * Issue 14, items 1 and 13: unauthenticated floods cannot wipe the audit log, refusals are
 * aggregated (one line per key per window with a count), and 401s are audited.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../src/app/security/audit-log.ts';
import { AUTH_ENV, login, makeTestApp, sleep } from './security-harness.ts';
import { buildSecurityServer } from './security-server.ts';

function readAudit(logDir: string, name: string): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (const file of [name, `${name}.1`, `${name}.2`].map((f) => join(logDir, f))) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim() !== '') records.push(JSON.parse(line) as AuditRecord);
  }
  return records;
}

const count = (record: AuditRecord) => Number(record.details.count ?? 1);

void test('a flood of bad logins (1,000 requests, 20 IPs) keeps the earlier bad-credentials entries and writes few lines', async () => {
  const t = await makeTestApp(AUTH_ENV, {
    'audit.maxMb': 0.02, 'audit.keep': 1, 'audit.refusalsMaxMb': 0.02, 'audit.refusalsKeep': 1, 'audit.aggregateWindowSeconds': 3600, 'audit.maxKeysPerWindow': 50,
  });
  const { server } = await buildSecurityServer(t.app);
  try {
    const early = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
    for (const ip of early) assert.equal((await login(server, 'admin', `wrong-${ip}`, ip)).response.statusCode, 401);
    const statuses = new Map<number, number>();
    const requests = 1000;
    for (let i = 0; i < requests; i += 1) {
      const user = i % 3 === 0 ? 'admin' : `guess-${i}`;
      const status = (await login(server, user, `pw-${i}`, `192.168.7.${i % 20}`)).response.statusCode;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    assert.ok((statuses.get(429) ?? 0) > requests / 2, `most of the flood is refused: ${JSON.stringify([...statuses])}`);
    t.app.audit.flush();

    const main = readAudit(t.config.logDir, 'security_audit.log');
    for (const ip of early) {
      assert.ok(main.some((r) => r.type === 'AUTH_FAILURE' && r.details.reason === 'bad-credentials' && r.ip === ip && r.user === 'admin'), `early bad-credentials from ${ip} survived`);
    }
    const refusals = readAudit(t.config.logDir, 'security_refusals.log');
    const lines = main.length + refusals.length;
    assert.ok(lines < requests / 5, `${lines} lines for ${requests} requests`);
    assert.ok(refusals.some((r) => r.type === 'RATE_LIMIT' && r.details.aggregated === true && count(r) > 10), 'repeated rate-limit refusals carry a count');
    const rateLimitedSeen = refusals.filter((r) => r.type === 'RATE_LIMIT').reduce((sum, r) => sum + count(r), 0);
    const hits = (await t.app.metrics.rateLimitHitsTotal.get()).values.find((v) => v.labels.route === 'login')?.value ?? 0;
    assert.ok(hits > 500, `metrics still count every refusal (${hits})`);
    assert.ok(rateLimitedSeen <= hits);
  } finally {
    await server.close();
    await t.close();
  }
});

void test('401s without credentials, with Basic auth, forged or expired cookies are audited, aggregated with counts', async () => {
  const t = await makeTestApp(AUTH_ENV, { 'audit.aggregateWindowSeconds': 3600 });
  const { server, security } = await buildSecurityServer(t.app);
  try {
    const expired = await security.sessions.create('admin', 1);
    await sleep(5);
    const variants: Array<{ reason: string; headers: Record<string, string> }> = [
      { reason: 'no-credentials', headers: {} },
      { reason: 'unsupported-auth-scheme', headers: { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` } },
      { reason: 'invalid-or-expired-session', headers: { cookie: 'propo_session=forged-value-123' } },
      { reason: 'invalid-or-expired-session', headers: { cookie: `propo_session=${expired.id}` } },
    ];
    for (let i = 0; i < 140; i += 1) {
      const variant = variants[i % variants.length]!;
      const response = await server.inject({ method: 'GET', url: '/api/documents', headers: variant.headers, remoteAddress: '10.4.4.4' });
      assert.equal(response.statusCode, 401);
    }
    t.app.audit.flush();
    const refusals = readAudit(t.config.logDir, 'security_refusals.log').filter((r) => r.type === 'AUTH_FAILURE' && r.ip === '10.4.4.4');
    const byReason = new Map<string, number>();
    for (const r of refusals) byReason.set(String(r.details.reason), (byReason.get(String(r.details.reason)) ?? 0) + count(r));
    assert.deepEqual(Object.fromEntries(byReason), { 'no-credentials': 35, 'unsupported-auth-scheme': 35, 'invalid-or-expired-session': 70 });
    assert.ok(refusals.length <= 6, `${refusals.length} lines for 140 refusals`);
  } finally {
    await server.close();
    await t.close();
  }
});
