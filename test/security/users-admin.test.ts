/**
 * Issue 15, admin page API: /api/users routes run the same UserAdmin rules as `bin/propo users` (one
 * implementation): create (generated password shown once), role, disable/enable, reset password, tokens
 * issued once and revoked, the last enabled admin protected, non-admins refused (403), and every action
 * audited like the CLI's. A real second process (the CLI) changes an account the running server then refuses.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { ADMIN_PASS, AUTH_ENV, login, makeTestApp, type Login, type TestApp } from './security-harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface AuditLine { type: string; user: string | null; details: Record<string, unknown> }

void describe('admin API for users and tokens (issue 15)', () => {
  let t: TestApp;
  let server: FastifyInstance;
  let admin: Login;
  const as = (who: Login) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken });
  const audit = (): AuditLine[] => readFileSync(join(t.config.logDir, 'security_audit.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AuditLine);
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', join(ROOT, 'bin/register.mjs'), join(ROOT, 'test/security/cli-harness.ts'), ...args], {
    cwd: t.dir, encoding: 'utf8', timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: t.dir, NODE_ENV: 'test', PROPO_DATA_DIR: t.config.dataDir, PROPO_LOG_DIR: t.config.logDir },
  });

  before(async () => {
    t = await makeTestApp(AUTH_ENV);
    server = await buildServer(t.app);
    await server.ready();
    admin = await login(server, 'admin', ADMIN_PASS);
    assert.equal(admin.response.statusCode, 200);
  });
  after(async () => {
    await server?.close();
    await t?.close();
  });

  test('create with a generated password, shown once; the account logs in with it', async () => {
    const created = await server.inject({ method: 'POST', url: '/api/users', headers: as(admin), payload: { name: 'carol', role: 'user' } });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json<{ user: { name: string; role: string; disabled: boolean }; password: string }>();
    assert.deepEqual([body.user.name, body.user.role, body.user.disabled], ['carol', 'user', false]);
    assert.match(body.password, /^[A-Za-z0-9_-]{24}$/);
    assert.equal(created.headers['cache-control'], 'no-store');
    assert.equal((await login(server, 'carol', body.password)).response.statusCode, 200);
    const list = await server.inject({ method: 'GET', url: '/api/users', headers: as(admin) });
    assert.ok(!list.body.includes(body.password), 'the password is never listed');
    assert.deepEqual(list.json<{ users: Array<{ name: string }> }>().users.map((u) => u.name), ['admin', 'carol']);
    // The CLI's validation rules apply: bad name, bad role, short password, duplicate.
    for (const payload of [{ name: 'bad name!' }, { name: 'dave', role: 'root' }, { name: 'dave', password: 'short' }, { name: 'carol' }]) {
      const refused = await server.inject({ method: 'POST', url: '/api/users', headers: as(admin), payload });
      assert.ok([400, 409].includes(refused.statusCode), `${JSON.stringify(payload)} → ${refused.statusCode}`);
    }
  });

  test('a non-admin gets 403 on every users route', async () => {
    const carolPass = (await server.inject({ method: 'POST', url: '/api/users/carol/password', headers: as(admin), payload: { password: 'carol-password-1' } }));
    assert.equal(carolPass.statusCode, 200, carolPass.body);
    const carol = await login(server, 'carol', 'carol-password-1');
    const routes: Array<[string, string]> = [['GET', '/api/users'], ['POST', '/api/users'], ['PATCH', '/api/users/admin'], ['DELETE', '/api/users/admin'],
      ['POST', '/api/users/admin/password'], ['GET', '/api/users/admin/tokens'], ['POST', '/api/users/admin/tokens'], ['DELETE', '/api/users/admin/tokens/0123456789ab']];
    for (const [method, url] of routes) {
      const response = await server.inject({ method: method as 'GET', url, headers: as(carol), ...(method === 'POST' || method === 'PATCH' ? { payload: { role: 'user' } } : {}) });
      assert.equal(response.statusCode, 403, `${method} ${url}`);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_FORBIDDEN');
    }
  });

  test('tokens: issued once, listed by id only, work until revoked', async () => {
    const issued = await server.inject({ method: 'POST', url: '/api/users/carol/tokens', headers: as(admin), payload: { label: 'laptop' } });
    assert.equal(issued.statusCode, 201, issued.body);
    const { token, tokens } = issued.json<{ token: string; tokens: Array<{ id: string; label: string }> }>();
    assert.match(token, /^propo_/);
    assert.deepEqual(tokens.map((k) => k.label), ['laptop']);
    const listed = await server.inject({ method: 'GET', url: '/api/users/carol/tokens', headers: as(admin) });
    assert.ok(!listed.body.includes(token));
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: bearer })).statusCode, 200);
    const id = tokens[0]?.id ?? '';
    assert.equal((await server.inject({ method: 'DELETE', url: `/api/users/carol/tokens/${id}`, headers: as(admin) })).statusCode, 200);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: bearer })).statusCode, 401);
    assert.equal((await server.inject({ method: 'DELETE', url: `/api/users/carol/tokens/${id}`, headers: as(admin) })).statusCode, 404);
    assert.equal((await server.inject({ method: 'DELETE', url: '/api/users/carol/tokens/not-an-id', headers: as(admin) })).statusCode, 400);
  });

  test('disable ends sessions and tokens; enable restores logins; reset password logs out', async () => {
    const carol = await login(server, 'carol', 'carol-password-1');
    const token = (await server.inject({ method: 'POST', url: '/api/users/carol/tokens', headers: as(admin), payload: { label: 'ci' } })).json<{ token: string }>().token;
    const disabled = await server.inject({ method: 'PATCH', url: '/api/users/carol', headers: as(admin), payload: { disabled: true } });
    assert.equal(disabled.json<{ user: { disabled: boolean } }>().user.disabled, true);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: as(carol) })).statusCode, 401);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
    assert.equal((await login(server, 'carol', 'carol-password-1')).response.statusCode, 401);
    await server.inject({ method: 'PATCH', url: '/api/users/carol', headers: as(admin), payload: { disabled: false } });
    const again = await login(server, 'carol', 'carol-password-1');
    assert.equal(again.response.statusCode, 200);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: { authorization: `Bearer ${token}` } })).statusCode, 200, 'tokens are kept while disabled');
    const reset = await server.inject({ method: 'POST', url: '/api/users/carol/password', headers: as(admin), payload: {} });
    const generated = reset.json<{ password: string }>().password;
    assert.match(generated, /^[A-Za-z0-9_-]{24}$/);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: as(again) })).statusCode, 401, 'a reset logs the account out');
    assert.equal((await login(server, 'carol', generated)).response.statusCode, 200);
  });

  test('roles, and the last enabled admin cannot be demoted, disabled or removed', async () => {
    for (const payload of [{ role: 'user' }, { disabled: true }]) {
      const self = await server.inject({ method: 'PATCH', url: '/api/users/admin', headers: as(admin), payload });
      assert.equal(self.statusCode, 409, JSON.stringify(payload));
    }
    assert.equal((await server.inject({ method: 'DELETE', url: '/api/users/admin', headers: as(admin) })).statusCode, 409);
    const promoted = await server.inject({ method: 'PATCH', url: '/api/users/carol', headers: as(admin), payload: { role: 'admin' } });
    assert.equal(promoted.json<{ user: { role: string } }>().user.role, 'admin');
    // The same rule from the CLI, a second process on the same database: carol may be demoted (admin remains),
    // then admin may not (it would leave none).
    const demote = cli(['users', 'role', 'carol', 'user']);
    assert.equal(demote.status, 0, demote.stderr);
    const last = cli(['users', 'role', 'admin', 'user']);
    assert.notEqual(last.status, 0);
    assert.match(last.stderr, /last enabled admin/);
    const listed = await server.inject({ method: 'GET', url: '/api/users', headers: as(admin) });
    assert.deepEqual(listed.json<{ users: Array<{ name: string; role: string }> }>().users.map((u) => [u.name, u.role]), [['admin', 'admin'], ['carol', 'user']]);
  });

  test('the CLI disables an account and the running server refuses it; the web removes it', async () => {
    await server.inject({ method: 'POST', url: '/api/users/carol/password', headers: as(admin), payload: { password: 'carol-password-2' } });
    const carol = await login(server, 'carol', 'carol-password-2');
    assert.equal(carol.response.statusCode, 200);
    const disabled = cli(['users', 'disable', 'carol']);
    assert.equal(disabled.status, 0, disabled.stderr);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: as(carol) })).statusCode, 401);
    const tokens = cli(['users', 'tokens', 'carol', '--json']);
    assert.equal(JSON.parse(tokens.stdout).tokens.length, 1);
    const removed = await server.inject({ method: 'DELETE', url: '/api/users/carol', headers: as(admin) });
    assert.equal(removed.statusCode, 200);
    assert.equal((await server.inject({ method: 'DELETE', url: '/api/users/carol', headers: as(admin) })).statusCode, 404);
  });

  test('every action is audited, web and CLI alike, without passwords or tokens', () => {
    const lines = audit();
    const changes = lines.filter((l) => l.type === 'USER_CHANGED' && l.details.target === 'carol').map((l) => `${String(l.details.via)}:${String(l.details.action)}`);
    for (const expected of ['web:add', 'web:passwd', 'web:disable', 'web:enable', 'web:role', 'cli:role', 'cli:disable', 'web:remove']) assert.ok(changes.includes(expected), `${expected} in ${changes.join(',')}`);
    assert.ok(lines.some((l) => l.type === 'TOKEN_CREATED' && l.details.via === 'web' && l.user === 'admin'));
    assert.ok(lines.some((l) => l.type === 'TOKEN_REVOKED' && l.details.target === 'carol'));
    const text = readFileSync(join(t.config.logDir, 'security_audit.log'), 'utf8');
    assert.ok(!text.includes('carol-password') && !text.includes('propo_'), 'no secrets in the audit log');
  });
});
