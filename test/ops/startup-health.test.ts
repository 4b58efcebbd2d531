/**
 * Issue 17: `/health` answers before the heavy providers finish loading. A real `bin/propo serve` process starts
 * with EMBEDDER=auto on a fresh data dir, so it downloads the embedding model from a local hub server (the tiny BERT
 * fixture) behind a gate that holds every request until the test opens it. While the download waits, :8000 answers
 * liveness 200 {"status":"starting"} with the embedder "starting", readiness 503; once the gate opens the same port
 * (no reconnect window) flips to the full handler: healthy, ready, semantic retrieval, /metrics.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { TINY_BERT_DIR } from '../../src/testing/make-tiny-model.ts';
import { startModelHubServer } from '../../src/testing/model-hub-server.ts';
import { freePort } from '../../src/testing/prometheus-harness.ts';
import { tempDirsRemovedAfter } from '../../src/testing/temp-dirs.ts';
import { propoBin, repoRoot } from './serve-process.ts';

const MODEL = 'propo/tiny-bert';
const tempDir = tempDirsRemovedAfter('propo-startup-health-');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A proxy in front of the hub server that holds every request until `open()`. */
async function gatedHub(target: string): Promise<{ url: string; held: () => number; open: () => void; close: () => Promise<void> }> {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  let held = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    held += 1;
    void opened.then(async () => {
      const upstream = await fetch(`${target}${request.url ?? '/'}`, { method: request.method ?? 'GET', redirect: 'manual' });
      const headers: Record<string, string> = {};
      upstream.headers.forEach((value, key) => { if (key !== 'content-encoding' && key !== 'transfer-encoding') headers[key] = value; });
      response.writeHead(upstream.status, headers);
      response.end(Buffer.from(await upstream.arrayBuffer()));
    }).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held,
    open,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown>; text: string } | null> {
  try {
    const response = await fetch(url);
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try { body = JSON.parse(text) as Record<string, unknown>; } catch { /* /metrics is text */ }
    return { status: response.status, body, text };
  } catch {
    return null;
  }
}

/** Polls until `check` returns a value; bounded by count (not by time). */
async function poll<T>(what: string, check: () => Promise<T | undefined>, logs: () => string, tries = 1200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await pause(100);
  }
  throw new Error(`${what}: not after ${tries} polls\n${logs()}`);
}

void test('serve: /health says "starting" while the embedder downloads, then hands over to the full handler', async () => {
  const hub = await startModelHubServer({ models: { [MODEL]: TINY_BERT_DIR } });
  const gate = await gatedHub(hub.url);
  const root = await tempDir();
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawn(propoBin, ['serve', '--host', '127.0.0.1', '--port', String(port), '--metrics-port', String(metricsPort)], {
    cwd: repoRoot,
    env: {
      ...process.env, NODE_ENV: 'production', EMBEDDER: 'auto', EMBED_MODEL: MODEL, EMBED_HUB_URL: gate.url,
      PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs'), BACKUP_DIR: join(root, 'backups'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
  child.stderr.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => { alive = false; });
  const logs = () => output;
  const health = `http://127.0.0.1:${metricsPort}`;
  try {
    // The model download is held: the process is waiting on the embedder, and :8000 already answers.
    const starting = await poll('liveness while the model download is held', async () => {
      if (!alive) throw new Error(`serve exited: ${output}`);
      if (gate.held() === 0) return undefined;
      return (await get(`${health}/health`)) ?? undefined;
    }, logs);
    assert.equal(starting.status, 200, 'liveness answers 200 while starting');
    assert.equal(starting.body.status, 'starting');
    const providers = starting.body.providers as Record<string, string>;
    assert.equal(providers.embedder, 'starting');
    assert.equal(providers.vectorStore, 'starting');
    assert.equal(providers.database, 'ready', 'SQLite opened before the embedder was resolved');
    assert.equal(typeof starting.body.version, 'string');

    const ready = await get(`${health}/ready`);
    assert.equal(ready?.status, 503);
    assert.deepEqual(ready?.body, { ready: false, reason: 'starting' });
    const detailed = await get(`${health}/health?detailed=true`);
    assert.equal(detailed?.status, 503, 'dependencies are not up yet');
    assert.equal(detailed?.body.status, 'starting');
    assert.equal((await get(`${health}/metrics`))?.status, 503);
    assert.equal(await get(`http://127.0.0.1:${port}/`), null, 'the web port opens only when the app is built');
    assert.ok(alive);

    // The download goes through: the same port flips to the full handler.
    gate.open();
    await poll('readiness after the download', async () => {
      if (!alive) throw new Error(`serve exited: ${output}`);
      return (await get(`${health}/ready`))?.status === 200 ? true : undefined;
    }, logs);
    const live = await get(`${health}/health`);
    assert.equal(live?.status, 200);
    assert.equal(live?.body.status, 'healthy');
    const full = await get(`${health}/health?detailed=true`);
    assert.equal(full?.status, 200, full?.text);
    assert.equal((full?.body.retrieval as { mode: string }).mode, 'hybrid', 'the downloaded model is in use');
    assert.equal((full?.body.checks as Record<string, { status: string }>).embedder?.status, 'healthy');
    const metrics = await get(`${health}/metrics`);
    assert.equal(metrics?.status, 200);
    assert.match(metrics?.text ?? '', /^propo_/m);
    assert.equal((await get(`http://127.0.0.1:${port}/`))?.status, 200, 'the first page');
    assert.ok(hub.requests.some((r) => r.includes('/resolve/')), 'the model came from the hub');

    child.kill('SIGTERM');
    assert.equal(await exited, 0, `clean shutdown\n${output}`);
    assert.equal(await get(`${health}/health`), null, 'the health port is closed after shutdown');
  } finally {
    if (alive) child.kill('SIGKILL');
    await gate.close();
    await hub.close();
  }
});

void test('serve: a taken health port fails at once with the port named, before any provider loads', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const metricsPort = (blocker.address() as AddressInfo).port;
  const root = await tempDir();
  try {
    const child = spawn(propoBin, ['serve', '--host', '127.0.0.1', '--port', String(await freePort()), '--metrics-port', String(metricsPort)], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production', EMBED_HUB_URL: 'http://127.0.0.1:9', PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(output, new RegExp(`EADDRINUSE.*${metricsPort}|${metricsPort}.*in use`));
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
