/**
 * Issue 14 items 2 and 15: the server listens on loopback by default, refuses a non-loopback
 * address with auth off unless ALLOW_INSECURE_BIND=true, and cuts off slow or silent clients.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { startServer } from '../../src/app/http/index.ts';
import { openSseStream, SSE_HEARTBEAT_MS } from '../../src/app/http/sse-stream.ts';
import { assertSafeBind, isLoopbackHost } from '../../src/app/security/assert-safe-bind.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { isPropoError } from '../../src/core/errors/index.ts';
import { AUTH_ENV, makeTestApp } from './security-harness.ts';

const configFor = (env: Record<string, string>) => loadConfig({ env, dotenvPath: false, cwd: '/nonexistent' }).config;

void test('the default host is 127.0.0.1; 0.0.0.0 with auth off is refused unless ALLOW_INSECURE_BIND=true', async () => {
  assert.equal(configFor({}).server.host, '127.0.0.1');
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
  for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.org']) assert.ok(!isLoopbackHost(host), host);
  assert.doesNotThrow(() => assertSafeBind(configFor({})));
  assert.doesNotThrow(() => assertSafeBind(configFor({ HOST: '0.0.0.0', ALLOW_INSECURE_BIND: 'true' })), 'the Docker image sets it');
  assert.doesNotThrow(() => assertSafeBind(configFor({ HOST: '0.0.0.0', ...AUTH_ENV })), 'auth on may listen anywhere');
  assert.throws(() => assertSafeBind(configFor({ HOST: '0.0.0.0' })), (error) => isPropoError(error) && error.code === 'PROPO_ERR_CONFIG_INVALID' && /ALLOW_INSECURE_BIND=true/.test(error.message));

  // Through the real start path: it refuses before binding anything.
  const t = await makeTestApp({ HOST: '0.0.0.0', PORT: '0', METRICS_PORT: '0' });
  try {
    await assert.rejects(startServer(t.app, { handleSignals: false }), (error) => isPropoError(error) && error.code === 'PROPO_ERR_CONFIG_INVALID');
  } finally {
    await t.close();
  }
});

/** Sends the request head and part of a body, then waits until the server ends the connection. */
function slowClient(port: number, head: string, partialBody: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk) => { received += chunk.toString('utf8'); });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(head + partialBody);
  });
}

const SLOW_HEAD = 'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n';

void test('a client that declares 2,000 bytes and sends 10 is cut off by the request timeout (408) or the idle timeout', async () => {
  for (const [name, env] of [
    ['request timeout', { REQUEST_TIMEOUT_MS: '600', IDLE_TIMEOUT_MS: '600000' }],
    ['idle timeout', { REQUEST_TIMEOUT_MS: '600000', IDLE_TIMEOUT_MS: '600' }],
  ] as const) {
    const t = await makeTestApp({ PORT: '0', METRICS_PORT: '0', ...env });
    const running = await startServer(t.app, { handleSignals: false });
    try {
      const port = Number(new URL(running.url).port);
      const received = await slowClient(port, SLOW_HEAD, '{"username"');
      if (name === 'request timeout') assert.match(received, /^HTTP\/1\.1 408/, `${name}: ${received.slice(0, 100)}`);
      else assert.equal(received.startsWith('HTTP/1.1 200'), false, `${name}: the request was not answered as if complete`);
    } finally {
      await running.stop();
      await t.close();
    }
  }
});

void test('timeouts are configurable and the defaults leave room for big uploads and quiet SSE streams', () => {
  const { server } = configFor({});
  assert.ok(server.requestTimeoutMs >= 300_000, 'a 12 MB upload at 50 kB/s takes 240 s');
  assert.ok(server.idleTimeoutMs >= 2 * SSE_HEARTBEAT_MS, 'SSE heartbeats arrive well inside the idle timeout');
  assert.ok(server.headersTimeoutMs <= server.requestTimeoutMs);
  const custom = configFor({ REQUEST_TIMEOUT_MS: '900000', IDLE_TIMEOUT_MS: '120000' }).server;
  assert.deepEqual([custom.requestTimeoutMs, custom.idleTimeoutMs], [900_000, 120_000]);
});

void test('a quiet SSE stream sends keep-alive comments', async () => {
  const server = Fastify();
  server.get('/sse', (_request, reply) => {
    const stream = openSseStream(reply, { heartbeatMs: 40 });
    setTimeout(() => { stream.send('answer-end', { ok: true }); stream.end(); }, 300);
    return reply;
  });
  try {
    const response = await server.inject({ method: 'GET', url: '/sse' });
    assert.match(response.body, /^: keep-alive\n\n/m);
    assert.match(response.body, /event: answer-end/);
  } finally {
    await server.close();
  }
});
