/**
 * A docker-compose project for the container tests: a temp directory with copies of docker-compose.yml and
 * monitoring/ and the runbook's `.env` (from .env.example), every port published on 127.0.0.1 on a free port,
 * the third-party images replaced by local builds through the compose variables. Commands run in that directory
 * exactly as the runbook writes them (bash), with the ports substituted.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, runShell, type RunResult } from './run-command.ts';

export const PORT_VARIABLES = [
  'PROPO_PORT', 'PROPO_METRICS_PORT', 'PROPO_NEW_PORT', 'PROPO_NEW_METRICS_PORT', 'PROPO_ROLLBACK_PORT',
  'PROPO_ROLLBACK_METRICS_PORT', 'PROMETHEUS_PORT', 'ALERTMANAGER_PORT', 'GRAFANA_PORT', 'REDIS_PORT',
] as const;
export type PortVariable = typeof PORT_VARIABLES[number];

/**
 * A free port below the kernel's ephemeral range (ip_local_port_range). The stack binds its ports minutes after they
 * are picked, and every other test listening on port 0 draws from the ephemeral range meanwhile: a port picked there
 * was once taken by another test before the rollback service bound it ("port is already allocated").
 */
function ephemeralStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/u)[0]) || 32768;
  } catch {
    return 32768;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

const taken = new Set<number>();
async function freePort(): Promise<number> {
  const high = Math.min(ephemeralStart(), 32768) - 1;
  const low = Math.max(10_000, high - 12_000);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (taken.has(port) || !(await canBind(port))) continue;
    taken.add(port);
    return port;
  }
  throw new Error(`no free port between ${low} and ${high} after 200 tries`);
}

export interface ComposeProject {
  dir: string;
  name: string;
  ports: Record<PortVariable, number>;
  env: NodeJS.ProcessEnv;
  /** `bash -c line` in the project dir with the project's environment. */
  sh(line: string, options?: { allowFailure?: boolean; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
  /** The container id of a compose service ('' when it has none). */
  containerId(service: string): Promise<string>;
  /** `docker inspect` of a service's container. */
  inspect(service: string): Promise<DockerInspect>;
  /** `docker-compose down -v` and the temp dir removed. */
  remove(): Promise<void>;
}

export interface DockerInspect {
  Id: string;
  Image: string;
  Config: { User: string; Env: string[]; Labels: Record<string, string> | null };
  HostConfig: { ReadonlyRootfs: boolean; SecurityOpt: string[] | null; CapDrop: string[] | null; PortBindings: Record<string, { HostIp: string; HostPort: string }[]> };
  State: { Status: string; Health?: { Status: string } };
  Mounts: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[];
  NetworkSettings: { Networks: Record<string, unknown> };
}

export async function createComposeProject(root: string, daemonEnv: NodeJS.ProcessEnv, variables: Record<string, string>, dotenv: Record<string, string>): Promise<ComposeProject> {
  const dir = await mkdtemp(join(tmpdir(), 'propo-compose-'));
  cpSync(join(root, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
  cpSync(join(root, 'monitoring'), join(dir, 'monitoring'), { recursive: true });
  // Runbook §1: cp .env.example .env, then set what this deployment needs.
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  writeFileSync(join(dir, '.env'), `${example}\n${Object.entries(dotenv).map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o644 });
  const name = `propotest${process.pid}`;
  const ports = {} as Record<PortVariable, number>;
  for (const variable of PORT_VARIABLES) ports[variable] = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...daemonEnv, COMPOSE_PROJECT_NAME: name, PUBLISH_ADDR: '127.0.0.1', ...variables,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  const sh = (line: string, options: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {}) =>
    runShell(line, { cwd: dir, env: { ...env, ...options.env }, allowFailure: options.allowFailure ?? false, timeoutMs: 15 * 60_000 });
  const containerId = async (service: string) => (await sh(`docker-compose --profile full ps -q ${service}`)).stdout.trim();
  const inspect = async (service: string) => {
    const id = await containerId(service);
    return (JSON.parse((await runCommand('docker', ['inspect', id], { env })).stdout) as DockerInspect[])[0] as DockerInspect;
  };
  const remove = async () => {
    await sh('docker-compose --profile full down -v --remove-orphans', { allowFailure: true });
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, name, ports, env, sh, containerId, inspect, remove };
}

/** Polls until `check` resolves true (or throws the last failure after `timeoutMs`). */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.slice(-1500)}` : ''}`);
}
