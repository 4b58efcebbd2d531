/**
 * Blue-green switch and rollback with zero failed requests: two real `propo serve` processes over
 * the SAME data dir (documents ingested before, both read), a real haproxy in front (blue active,
 * green disabled), steady bounded load of GET /health and non-streaming POST /v1/chat/completions;
 * traffic is switched to green through the haproxy runtime API (admin socket), then rolled back.
 * Every response must be 200 and both instances must have served traffic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, freePort, waitFor } from '../../src/testing/prometheus-harness.ts';
import { propoBin, repoRoot, run, startServe, type ServeProcess } from './serve-process.ts';

const SIZE = process.env.PROPO_TEST_SIZE ?? 'small';
const REQUESTS = SIZE === 'small' ? 300 : 3000;
const datasets = join(repoRoot, '../shared/datasets/documents');

/** Whether `show servers state <backend>` reports the server running (srv_op_state 2) and out of maintenance. */
async function serverUp(socket: string, backend: string, name: string): Promise<true | undefined> {
  const lines = (await haproxyCommand(socket, `show servers state ${backend}`)).split('\n');
  const row = lines.map((line) => line.split(' ')).find((fields) => fields[3] === name);
  // Columns: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state … (admin bit 0x01: forced maintenance).
  return row && row[5] === '2' && (Number(row[6]) & 1) === 0 ? true : undefined;
}

/** One command on the haproxy runtime API (stats socket, level admin). */
function haproxyCommand(socket: string, command: string): Promise<string> {
  return new Promise((done, fail) => {
    const client = connect(socket, () => client.end(`${command}\n`));
    let out = '';
    client.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    client.once('end', () => done(out.trim()));
    client.once('error', fail);
  });
}

void test(`blue-green switch and rollback under load: ${REQUESTS} requests, zero failures`, async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-bluegreen-'));
  const configFile = join(root, 'config.yaml');
  // Every request comes from haproxy's address: lift the per-IP chat limits (rate and concurrent answers) for the load test.
  await writeFile(configFile, 'limits:\n  chatPerMinute: 100000\n  maxConcurrentStreams: 100\n');
  const env = { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs'), BACKUP_DIR: join(root, 'backups') };
  const ingest = await run(propoBin, ['ingest', join(datasets, 'md/rustbook-ch04-01-what-is-ownership.md'), join(datasets, 'md/vite-guide-cli.md')], env, root);
  assert.equal(ingest.code, 0, ingest.stderr);
  const servers: ServeProcess[] = [];
  let haproxy: ReturnType<typeof spawn> | null = null;
  let haproxyLog = '';
  try {
    const blue = await startServe(env, ['--config', configFile]);
    servers.push(blue);
    const green = await startServe(env, ['--config', configFile]);
    servers.push(green);
    // /ready said 200 only after the query side was warm: green's first request must not find it cold.
    for (const server of [blue, green]) assert.match(server.logs(), /"event":"warmed-up"/, server.logs().slice(-2_000));
    const port = await freePort();
    const socket = join(root, 'haproxy.sock');
    const cfg = join(root, 'haproxy.cfg');
    await writeFile(cfg, [
      'global', `  stats socket ${socket} mode 600 level admin`, '',
      'defaults', '  mode http', '  timeout connect 2s', '  timeout client 60s', '  timeout server 60s', '  timeout check 2s', '  option redispatch', '  retries 3', '',
      'frontend fe', `  bind 127.0.0.1:${port}`, '  default_backend be', '',
      'backend be', '  option httpchk GET /ready', '  http-check expect status 200', '  http-response set-header X-Served-By %s',
      `  server blue 127.0.0.1:${blue.port} check inter 500`,
      `  server green 127.0.0.1:${green.port} check inter 500 disabled`, '',
    ].join('\n'));
    haproxy = spawn(findBinary('haproxy', 'haproxy'), ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    // haproxy's own alerts ("Server be/green is DOWN, reason: …") explain a failure.
    haproxy.stderr?.on('data', (chunk: Buffer) => { haproxyLog = (haproxyLog + chunk.toString()).slice(-8_000); });
    const front = `http://127.0.0.1:${port}`;
    await waitFor('haproxy', async () => ((await fetch(`${front}/ready`)).ok ? true : undefined), 30_000, 200);

    const statuses = new Map<number, number>();
    const servedBy = new Map<string, number>();
    const failures: string[] = [];
    let sent = 0;
    const one = async (i: number): Promise<void> => {
      const chat = i % 3 === 0;
      try {
        const response = chat
          ? await fetch(`${front}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'propo', messages: [{ role: 'user', content: i % 2 ? 'What are the ownership rules?' : 'What does vite build do?' }] }) })
          : await fetch(`${front}/health`);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const server = response.headers.get('x-served-by') ?? '?';
        servedBy.set(server, (servedBy.get(server) ?? 0) + 1);
        if (response.status !== 200) failures.push(`#${i} ${chat ? 'chat' : 'health'} → ${response.status}`);
      } catch (error) {
        failures.push(`#${i} ${(error as Error).message}`);
      }
    };
    // Steady load: 4 clients in parallel, each request after the previous one finishes.
    const load = Promise.all([0, 1, 2, 3].map(async () => {
      while (sent < REQUESTS) {
        const i = sent;
        sent += 1;
        await one(i);
      }
    }));
    const reach = (count: number) => waitFor(`${count} requests`, async () => (sent >= count ? true : undefined), 300_000, 20);

    await reach(REQUESTS / 3);
    // Switch: green takes new requests once haproxy sees it up, then blue drains (its in-flight requests finish).
    assert.equal(await haproxyCommand(socket, 'set server be/green state ready'), '');
    await waitFor('green up in haproxy', () => serverUp(socket, 'be', 'green'), 30_000, 50);
    assert.equal(await haproxyCommand(socket, 'set server be/blue state drain'), '');
    await reach((2 * REQUESTS) / 3);
    // Rollback: blue back, green drains.
    assert.equal(await haproxyCommand(socket, 'set server be/blue state ready'), '');
    await waitFor('blue up in haproxy', () => serverUp(socket, 'be', 'blue'), 30_000, 50);
    assert.equal(await haproxyCommand(socket, 'set server be/green state drain'), '');
    await load;

    const summary = `statuses ${JSON.stringify(Object.fromEntries(statuses))}, served by ${JSON.stringify(Object.fromEntries(servedBy))}`;
    process.stdout.write(`# blue-green: ${REQUESTS} requests, ${failures.length} failed; ${summary}\n`);
    if (failures.length > 0) {
      const state = await haproxyCommand(socket, 'show servers state be').catch((error: unknown) => String(error));
      const tail = (text: string) => text.slice(-3_000);
      assert.fail(`${failures.length} failed (${failures.slice(0, 5).join('; ')}); ${summary}\nhaproxy:\n${haproxyLog}\n${state}\nblue:\n${tail(blue.logs())}\ngreen:\n${tail(green.logs())}`);
    }
    assert.equal(statuses.get(200), REQUESTS);
    assert.ok((servedBy.get('blue') ?? 0) > 0 && (servedBy.get('green') ?? 0) > 0, `both instances served: ${summary}`);
  } finally {
    if (haproxy && haproxy.exitCode === null) {
      const exited = new Promise((done) => haproxy?.once('exit', done));
      haproxy.kill('SIGTERM');
      await exited;
    }
    for (const server of servers) await server.stop();
    await rm(root, { recursive: true, force: true });
  }
});
