/** `users` and `security audit` commands, run as child processes against a temp data dir. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/providers/stores/sqlite/index.ts';
import { UserRepository } from '../../src/app/security/user-repository.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const HARNESS = join(ROOT, 'test/security/cli-harness.ts');

function run(dir: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'bin/register.mjs'), HARNESS, ...args], {
    cwd: dir, encoding: 'utf8', input: options.input ?? '', timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: dir, NODE_ENV: 'test', PROPO_DATA_DIR: join(dir, 'data'), PROPO_LOG_DIR: join(dir, 'logs'), ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

void test('users add / list / token / passwd / rm', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-cli-'));
  try {
    const added = run(dir, ['users', 'add', 'alice', '--role', 'admin', '--password-stdin'], { input: 'alice-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const generated = run(dir, ['users', 'add', 'bob']);
    assert.equal(generated.code, 0, generated.stderr);
    assert.match(generated.stdout, /password \(shown once\): \S{20,}/);
    const duplicate = run(dir, ['users', 'add', 'bob']);
    assert.equal(duplicate.code, 3);
    assert.match(duplicate.stderr, /PROPO_ERR_CONFLICT/);
    assert.match(run(dir, ['users', 'add', 'carol', '--role', 'root']).stderr, /PROPO_ERR_VALIDATION/);
    const list = JSON.parse(run(dir, ['users', 'list', '--json']).stdout) as { users: Array<{ name: string; role: string }> };
    assert.deepEqual(list.users.map((u) => [u.name, u.role]), [['alice', 'admin'], ['bob', 'user']]);

    const token = run(dir, ['users', 'token', 'alice']).stdout.trim();
    assert.match(token, /^propo_[A-Za-z0-9_-]{40,}$/);
    const db = openDatabase(join(dir, 'data', 'propo.sqlite'));
    const repo = new UserRepository(db);
    assert.equal(repo.userForToken(token)?.name, 'alice');
    const stored = db.prepare('SELECT sha256 FROM api_tokens').all() as Array<{ sha256: string }>;
    assert.ok(stored.every((r) => r.sha256 !== token && /^[0-9a-f]{64}$/.test(r.sha256)), 'only the sha256 is stored');
    assert.ok(await repo.verify('alice', 'alice-password-1'));
    assert.equal(run(dir, ['users', 'passwd', 'alice', '--password-stdin'], { input: 'alice-password-2\n' }).code, 0);
    assert.equal(await repo.verify('alice', 'alice-password-1'), null);
    assert.ok(await repo.verify('alice', 'alice-password-2'));
    assert.equal(run(dir, ['users', 'rm', 'bob']).code, 0);
    assert.equal(repo.find('bob'), null);
    assert.equal(run(dir, ['users', 'rm', 'bob']).code, 3);
    db.close();
    const audit = readFileSync(join(dir, 'logs', 'security_audit.log'), 'utf8');
    assert.match(audit, /"type":"TOKEN_CREATED"/);
    assert.equal(audit.match(/"type":"USER_CHANGED"/g)?.length, 4);
    assert.ok(!audit.includes('alice-password') && !audit.includes(token));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('security audit: high findings exit 1, a hardened setup passes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-cli-'));
  try {
    writeFileSync(join(dir, '.env'), 'GRADIO_AUTH_PASS=admin\n');
    chmodSync(join(dir, '.env'), 0o644);
    mkdirSync(join(dir, 'data'), { mode: 0o755 });
    chmodSync(join(dir, 'data'), 0o755);
    const weak = run(dir, ['security', 'audit', '--json', '--no-npm'], { env: { REDIS_URL: 'redis://127.0.0.1:6379', HOST: '0.0.0.0' } });
    assert.equal(weak.code, 1, weak.stderr);
    const report = JSON.parse(weak.stdout) as { ok: boolean; findings: Array<{ id: string; severity: string }> };
    const severity = (id: string) => report.findings.find((f) => f.id === id)?.severity;
    assert.equal(report.ok, false);
    assert.equal(severity('auth'), 'high', 'auth off on 0.0.0.0');
    assert.equal(severity('env-file'), 'high');
    assert.equal(severity('data-dir'), 'high');
    assert.equal(severity('tls'), 'medium');
    assert.equal(severity('redis'), 'medium');

    chmodSync(join(dir, '.env'), 0o600);
    chmodSync(join(dir, 'data'), 0o700);
    writeFileSync(join(dir, '.env'), 'GRADIO_AUTH_ENABLED=true\nGRADIO_AUTH_PASS=a-Strong-passphrase-2024\nHOST=127.0.0.1\n');
    const good = run(dir, ['security', 'audit', '--no-npm']);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /no high findings: OK/);

    writeFileSync(join(dir, '.env'), 'GRADIO_AUTH_ENABLED=true\nGRADIO_AUTH_PASS=admin\nHOST=127.0.0.1\n');
    const defaults = JSON.parse(run(dir, ['security', 'audit', '--json', '--no-npm']).stdout) as { findings: Array<{ id: string; severity: string }> };
    assert.equal(defaults.findings.find((f) => f.id === 'credentials')?.severity, 'high');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
