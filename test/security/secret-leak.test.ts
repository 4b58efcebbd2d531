/**
 * Leak test: every secret is set, then we try to leak each one through failed logins, headers,
 * malformed bodies, errors and the status/config endpoints; finally real grep searches logs/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { buildServer } from '../../src/app/http/index.ts';
import { startScriptedLlmServer } from '../../src/testing/scripted-llm-server.ts';
import { login, makeTestApp, sleep } from './security-harness.ts';
import { startRedis } from './redis-process.ts';

void test('no secret value reaches logs/ or a response body', async () => {
  const redisPassword = 'redis-Pa55word-LEAKCHECK';
  const redis = await startRedis({ password: redisPassword });
  const llm = await startScriptedLlmServer({ script: { text: 'The answer.' } });
  const secrets = {
    GRADIO_AUTH_PASS: 'admin-Pa55word-LEAKCHECK-1',
    OPENROUTER_API_KEY: 'sk-or-v1-LEAKCHECK-openrouter-0001',
    PINECONE_API_KEY: 'pcsk_LEAKCHECK_pinecone_0002',
    EMBED_API_KEY: 'sk-LEAKCHECK-embed-0003',
    REDIS_URL: redis.url,
  };
  const t = await makeTestApp({ ...secrets, GRADIO_AUTH_ENABLED: 'true', GRADIO_AUTH_USER: 'admin', OPENROUTER_BASE_URL: llm.url }, { 'limits.loginPerMinute': 1000 });
  const server = await buildServer(t.app);
  const values = [...Object.values(secrets), redisPassword];
  const bodies: string[] = [];
  try {
    // Logged in as admin (before the failed attempts back the account off): ask (LLM path), read config and security status, cause errors.
    const admin = await login(server, 'admin', secrets.GRADIO_AUTH_PASS, '10.5.5.9');
    assert.equal(admin.response.statusCode, 200);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    bodies.push((await server.inject({ method: 'GET', url: '/api/config', headers })).body);
    bodies.push((await server.inject({ method: 'GET', url: '/api/security/status', headers })).body);
    bodies.push((await server.inject({ method: 'POST', url: '/api/users', headers, payload: { name: 'x', password: secrets.OPENROUTER_API_KEY.slice(0, 5) } })).body);
    bodies.push((await server.inject({ method: 'POST', url: '/api/chat', headers, payload: { question: 'What is the answer?' } })).body);
    bodies.push((await server.inject({ method: 'POST', url: '/api/auth/logout', headers })).body);
    for (const value of values) {
      // Failed logins with the secret as user name and as password.
      bodies.push((await login(server, value, value, '10.5.5.5')).response.body);
      bodies.push((await login(server, 'admin', value, '10.5.5.6')).response.body);
      // Secrets in headers and cookies.
      for (const headers of [{ authorization: `Bearer ${value}` }, { cookie: `propo_session=${value}` }, { 'x-csrf-token': value, cookie: `propo_session=${value}` }, { 'x-api-key': value }]) {
        bodies.push((await server.inject({ method: 'POST', url: '/api/chat', headers, payload: { question: value } })).body);
        bodies.push((await server.inject({ method: 'GET', url: `/api/documents?q=${encodeURIComponent(value)}`, headers })).body);
      }
      // Malformed JSON that contains the secret.
      bodies.push((await server.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"username":"${value}","password":` })).body);
    }
    t.app.logger.flush();
    await sleep(200);

    const logDir = t.config.logDir;
    t.app.audit.flush();
    const auditLines = execFileSync('sh', ['-c', `cat "${logDir}"/security_*.log | grep -c SECURITY`], { encoding: 'utf8' });
    assert.ok(Number(auditLines.trim()) > 20, 'the attempts were audited');
    for (const value of values) {
      let found = '';
      try { found = execFileSync('grep', ['-rlF', value, logDir], { encoding: 'utf8' }); } catch { found = ''; }
      assert.equal(found, '', `secret ${value.slice(0, 6)}… found in ${found}`);
      for (const body of bodies) assert.ok(!body.includes(value), `secret ${value.slice(0, 6)}… in a response: ${body.slice(0, 200)}`);
    }
  } finally {
    await server.close();
    await t.close();
    await llm.close();
    await redis.stop();
  }
});
