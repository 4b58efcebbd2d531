/** Test helper: runs `bin/propo` (or $PROPO_BIN) as real processes — one-shot commands and `serve` servers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort, waitFor } from '../../src/testing/prometheus-harness.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const propoBin = process.env.PROPO_BIN ?? join(repoRoot, 'bin/propo');

export interface CommandResult { code: number | null; stdout: string; stderr: string }

export function run(command: string, args: string[], env: Record<string, string>, cwd = repoRoot): Promise<CommandResult> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, PROPO_BIN: propoBin, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

export interface ServeProcess { url: string; metricsUrl: string; port: number; logs(): string; stop(): Promise<void> }

export async function startServe(env: Record<string, string>, extraArgs: string[] = []): Promise<ServeProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(propoBin, [...extraArgs, 'serve', '--host', '127.0.0.1', '--port', String(port), '--metrics-port', String(metricsPort)], {
    cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
  child.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => { exited = true; done(); }));
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`propo serve on ${port}`, async () => {
      if (exited) throw new Error(`propo serve exited: ${output}`);
      return (await fetch(`${url}/ready`)).ok ? true : undefined;
    }, 120_000, 250);
  } catch (error) {
    await stop();
    throw new Error(`propo serve did not become ready: ${output}`, { cause: error });
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}`, port, logs: () => output, stop };
}
