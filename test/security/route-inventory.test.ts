/**
 * Route inventory: with auth on, every route of the full server answers 401 without
 * credentials unless it is on the documented public list, and admin routes answer 403 to users.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { UserRepository } from '../../src/app/security/user-repository.ts';
import { AUTH_ENV, login, makeTestApp, type TestApp } from './security-harness.ts';
import { registeredRoutes } from '../../src/app/security/route-registry.ts';

const concreteUrl = (pattern: string) => pattern.replace(/:[A-Za-z_]+/g, 'probe-id').replace(/\*/g, 'probe.txt');

/** Paths allowed without login (see register-security.ts); `*` is the static UI. */
const PUBLIC = new Set(['/health', '/ready', '/metrics', '/api/auth/login', '/api/auth/logout', '/api/auth/me']);
const ADMIN_ONLY = [
  ['POST', '/api/documents'], ['DELETE', '/api/documents/:id'], ['POST', '/api/documents/:id/reingest'],
  ['POST', '/api/documents/failed/:id/retry'], ['DELETE', '/api/documents/failed/:id'], ['GET', '/api/config'],
  ['GET', '/api/users'], ['POST', '/api/users'], ['DELETE', '/api/users/:name'], ['PATCH', '/api/users/:name'], ['POST', '/api/users/:name/password'],
  ['GET', '/api/users/:name/tokens'], ['POST', '/api/users/:name/tokens'], ['DELETE', '/api/users/:name/tokens/:id'], ['GET', '/api/security/status'],
  ['POST', '/api/collections'], ['PATCH', '/api/collections/:id'], ['DELETE', '/api/collections/:id'], ['POST', '/api/collections/:id/documents'],
  ['GET', '/api/settings'], ['PUT', '/api/settings'], ['POST', '/api/settings/test-connection'],
] as const;

let t: TestApp;
let server: FastifyInstance;

before(async () => {
  t = await makeTestApp(AUTH_ENV);
  server = await buildServer(t.app);
  await server.ready();
  await new UserRepository(t.app.db).add('reader', 'user', 'reader-password-1');
});
after(async () => {
  await server.close();
  await t.close();
});

void test('every non-public route answers 401 PROPO_ERR_UNAUTHENTICATED without credentials', async () => {
  const routes = registeredRoutes(server);
  assert.ok(routes.length >= 30, `found only ${routes.length} routes`);
  const staticUi = routes.filter((r) => r.config.public === true && (r.url === '/app.js' || r.url === '/index.html' || r.url === '/*'));
  assert.ok(staticUi.length > 0, 'the static UI files are the public part of the UI');
  const checked: string[] = [];
  for (const route of routes) {
    if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    const url = concreteUrl(route.url);
    const response = await server.inject({ method: route.method as 'GET', url, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
    if (PUBLIC.has(route.url) || (route.config.public === true && route.method === 'GET' && !route.url.startsWith('/api/') && !route.url.startsWith('/v1/'))) {
      assert.ok(response.statusCode < 500, `${route.method} ${url} → ${response.statusCode}`);
      continue;
    }
    assert.equal(response.statusCode, 401, `${route.method} ${url} answered ${response.statusCode} without credentials`);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_UNAUTHENTICATED');
    checked.push(`${route.method} ${route.url}`);
  }
  assert.ok(checked.includes('POST /api/chat') && checked.includes('POST /v1/chat/completions') && checked.includes('GET /api/documents') && checked.includes('POST /mcp'));
  // An invalid bearer token is no better than none.
  const bogus = await server.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer propo_not-a-real-token' }, payload: { messages: [{ role: 'user', content: 'hi' }] } });
  assert.equal(bogus.statusCode, 401);
});

void test('admin-only routes answer 403 PROPO_ERR_FORBIDDEN to a logged-in user', async () => {
  const { cookie, csrfToken } = await login(server, 'reader', 'reader-password-1');
  const inventory = new Set(registeredRoutes(server).map((r) => `${r.method} ${r.url}`));
  for (const [method, pattern] of ADMIN_ONLY) {
    assert.ok(inventory.has(`${method} ${pattern}`), `route ${method} ${pattern} missing from the server`);
    const response = await server.inject({ method, url: concreteUrl(pattern), headers: { cookie, 'x-csrf-token': csrfToken }, ...(method === 'POST' ? { payload: {} } : {}) });
    assert.equal(response.statusCode, 403, `${method} ${pattern} → ${response.statusCode}`);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_FORBIDDEN');
  }
});

void test('bearer API tokens work on /v1/chat/completions (no CSRF token needed)', async () => {
  const token = new UserRepository(t.app.db).createToken('reader', 'test');
  const response = await server.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${token}` }, payload: { model: 'propo', messages: [{ role: 'user', content: 'What is in my documents?' }] } });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json<{ object: string }>().object, 'chat.completion');
});
