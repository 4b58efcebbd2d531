/** Starts a real redis-server on a free port in a temp dir for a test, and stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisProcess { port: number; url: string; stop(): Promise<void> }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `port` and `dir` restart a stopped server where it was; with `persist` it keeps its data in an
 * append-only file in `dir` across that restart (and `stop()` leaves a given `dir` in place).
 */
export async function startRedis(options: { password?: string; port?: number; dir?: string; persist?: boolean } = {}): Promise<RedisProcess> {
  const port = options.port ?? await freePort();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'propo-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', options.persist ? 'yes' : 'no', ...(options.password ? ['--requirepass', options.password] : [])];
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  await waitForPort(port, 5000);
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
