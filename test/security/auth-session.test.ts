/** Login, session cookie, CSRF, roles, logout and expiry through the real server (buildServer). */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { ADMIN_PASS, AUTH_ENV, login, makeTestApp, type TestApp } from './security-harness.ts';
import { UserRepository } from '../../src/app/security/user-repository.ts';

let t: TestApp;
let server: FastifyInstance;

before(async () => {
  t = await makeTestApp(AUTH_ENV);
  server = await buildServer(t.app);
  await new UserRepository(t.app.db).add('reader', 'user', 'reader-password-1');
});
after(async () => {
  await server.close();
  await t.close();
});

void test('GET /api/auth/me is 401 before login and names the user after', async () => {
  const anonymous = await server.inject({ method: 'GET', url: '/api/auth/me' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_UNAUTHENTICATED');
  const { cookie, csrfToken, response } = await login(server, 'admin', ADMIN_PASS);
  assert.equal(response.statusCode, 200);
  const setCookie = response.headers['set-cookie'];
  assert.match(String(setCookie), /HttpOnly/i);
  assert.match(String(setCookie), /SameSite=Strict/i);
  assert.doesNotMatch(String(setCookie), /Secure/i, 'plain http without trustProxy: no Secure flag');
  assert.ok(csrfToken.length >= 32);
  const me = await server.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  assert.equal(me.statusCode, 200);
  assert.deepEqual(me.json(), { user: { name: 'admin', role: 'admin' }, csrfToken, authEnabled: true });
});

void test('wrong password is 401 PROPO_ERR_UNAUTHENTICATED and sets no cookie', async () => {
  const { response } = await login(server, 'admin', 'wrong-password', '10.0.0.9');
  assert.equal(response.statusCode, 401);
  assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_UNAUTHENTICATED');
  assert.equal(response.cookies.length, 0);
});

void test('cookie POSTs need the session CSRF token; bearer requests do not', async () => {
  const { cookie, csrfToken } = await login(server, 'admin', ADMIN_PASS);
  const payload = { name: 'csrf-victim', role: 'user', password: 'victim-password-1' };
  const missing = await server.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });
  assert.equal(missing.statusCode, 403);
  assert.equal(missing.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_CSRF');
  const wrong = await server.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': `${csrfToken.slice(0, -1)}x` }, payload });
  assert.equal(wrong.statusCode, 403);
  const crossSite = await server.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': csrfToken, origin: 'https://evil.example' }, payload });
  assert.equal(crossSite.statusCode, 403);
  const ok = await server.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': csrfToken }, payload });
  assert.equal(ok.statusCode, 201);

  const token = new UserRepository(t.app.db).createToken('admin');
  const viaToken = await server.inject({ method: 'DELETE', url: '/api/users/csrf-victim', headers: { authorization: `Bearer ${token}` } });
  assert.equal(viaToken.statusCode, 200);
});

void test('a user may read but not administer (403 PROPO_ERR_FORBIDDEN)', async () => {
  const { cookie, csrfToken } = await login(server, 'reader', 'reader-password-1');
  const docs = await server.inject({ method: 'GET', url: '/api/documents', headers: { cookie } });
  assert.equal(docs.statusCode, 200);
  for (const [method, url] of [['GET', '/api/users'], ['GET', '/api/security/status'], ['GET', '/api/config']] as const) {
    const response = await server.inject({ method, url, headers: { cookie, 'x-csrf-token': csrfToken } });
    assert.equal(response.statusCode, 403, url);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_FORBIDDEN');
  }
});

void test('logout deletes the session server-side', async () => {
  const { cookie, csrfToken } = await login(server, 'admin', ADMIN_PASS);
  const out = await server.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
  assert.equal(out.statusCode, 200);
  const replay = await server.inject({ method: 'GET', url: '/api/documents', headers: { cookie } });
  assert.equal(replay.statusCode, 401, 'the old cookie must not work after logout');
});

void test('an expired session is refused', async () => {
  const { cookie } = await login(server, 'admin', ADMIN_PASS);
  assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: { cookie } })).statusCode, 200);
  t.app.db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
  assert.equal((await server.inject({ method: 'GET', url: '/api/documents', headers: { cookie } })).statusCode, 401);
});

void test('security headers: strict CSP, nosniff, frame deny, no CORS', async () => {
  const response = await server.inject({ method: 'GET', url: '/health' });
  const csp = String(response.headers['content-security-policy']);
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
    assert.ok(csp.includes(directive), directive);
  }
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['x-frame-options'], 'DENY');
  const preflight = await server.inject({ method: 'OPTIONS', url: '/api/chat', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
});

void test('the request body limit from server.bodyLimitMb answers 413', async () => {
  const { cookie, csrfToken } = await login(server, 'admin', ADMIN_PASS);
  const big = 'x'.repeat(Math.round(t.config.server.bodyLimitMb * 1024 * 1024) + 10);
  const response = await server.inject({ method: 'POST', url: '/api/chat', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, payload: `{"question":"${big}"}` });
  assert.equal(response.statusCode, 413);
  assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_PAYLOAD_TOO_LARGE');
});
