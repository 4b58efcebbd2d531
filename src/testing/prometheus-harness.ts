/**
 * Starts the real monitoring programs (Prometheus, Alertmanager, node exporter, Redis, Redis exporter)
 * on free loopback ports with temp dirs, for tests. Every `start*` returns `{ url, port, stop() }`;
 * `stop()` ends the process it started (SIGTERM, then SIGKILL) and removes its temp dir.
 * A missing program fails with the Debian package that provides it — never a silent skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';
import { PropoError } from '../core/errors/index.ts';

/** A program the harness started. */
export interface RunningService {
  url: string;
  port: number;
  /** Recent stdout/stderr of the program, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/** Finds `name` on PATH, /usr/bin or /usr/sbin; throws naming the apt package when it is missing. */
export function findBinary(name: string, aptPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new PropoError('PROPO_ERR_NOT_FOUND', `${name} is not installed. Install it with: apt-get install ${aptPackage}`);
}

/** Asks the OS for a free loopback TCP port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new PropoError('PROPO_ERR_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

interface LaunchOptions {
  binary: string;
  args: string[];
  port: number;
  dir: string;
  /** Path answering 200 when the program is ready (HTTP programs). */
  readyPath?: string;
  /** Custom readiness check (non-HTTP programs). */
  ready?: () => Promise<boolean>;
  timeoutMs?: number;
}

async function launch(options: LaunchOptions): Promise<RunningService> {
  const child: ChildProcess = spawn(options.binary, options.args, { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (error) => {
      output += `\nspawn error: ${error.message}`;
      exited = true;
      resolve();
    });
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(options.dir, { recursive: true, force: true });
  };
  const service: RunningService = { url, port: options.port, logs: () => output, stop };
  const readyPath = options.readyPath ?? '/';
  const ready = options.ready ?? (async () => (await fetch(url + readyPath)).ok);
  try {
    await waitFor(`${options.binary} on port ${options.port}`, async () => {
      if (exited) throw new PropoError('PROPO_ERR_INTERNAL', `${options.binary} exited early:\n${output}`);
      return (await ready()) ? true : undefined;
    }, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new PropoError('PROPO_ERR_INTERNAL', `${options.binary} did not become ready. Output:\n${output}`, { cause: error });
  }
  return service;
}

/** One scrape job: any URL that serves Prometheus exposition text (`http://127.0.0.1:1234/metrics`). */
export interface ScrapeTarget {
  job: string;
  url: string;
}

export interface StartPrometheusOptions {
  scrapeTargets: ScrapeTarget[];
  /** Alert rules file (absolute path) to load. */
  rulesFile?: string;
  /** Alertmanager base URL to send alerts to. */
  alertmanagerUrl?: string;
  /** Default 1s. */
  scrapeInterval?: string;
  /** Default 1s. */
  evaluationInterval?: string;
}

export interface RunningPrometheus extends RunningService {
  /** Instant query through /api/v1/query; throws when Prometheus answers with an error. */
  query(expr: string): Promise<PrometheusSample[]>;
}

export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

interface PrometheusQueryResponse {
  status: string;
  error?: string;
  data?: { resultType: string; result: PrometheusSample[] | [number, string] };
}

/** Runs `prometheus` scraping `scrapeTargets` (plus itself as job `prometheus`). */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const binary = findBinary('prometheus', 'prometheus');
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'propo-prometheus-'))]);
  const interval = options.scrapeInterval ?? '1s';
  const config: Record<string, unknown> = {
    global: { scrape_interval: interval, evaluation_interval: options.evaluationInterval ?? '1s', scrape_timeout: interval },
    scrape_configs: [
      ...options.scrapeTargets.map((target) => {
        const url = new URL(target.url);
        return { job_name: target.job, scheme: url.protocol.replace(':', ''), metrics_path: url.pathname, static_configs: [{ targets: [url.host] }] };
      }),
      { job_name: 'prometheus', static_configs: [{ targets: [`127.0.0.1:${port}`] }] },
    ],
  };
  if (options.rulesFile !== undefined) config.rule_files = [options.rulesFile];
  if (options.alertmanagerUrl !== undefined) {
    config.alerting = { alertmanagers: [{ static_configs: [{ targets: [new URL(options.alertmanagerUrl).host] }] }] };
  }
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, stringify(config));
  const service = await launch({
    binary,
    port,
    dir,
    readyPath: '/-/ready',
    args: [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
  });
  const query = async (expr: string): Promise<PrometheusSample[]> => {
    const response = await fetch(`${service.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as PrometheusQueryResponse;
    if (body.status !== 'success' || body.data === undefined) {
      throw new PropoError('PROPO_ERR_VALIDATION', `query ${expr} failed: ${body.error ?? response.status}`);
    }
    if (body.data.resultType === 'vector' || body.data.resultType === 'matrix') return body.data.result as PrometheusSample[];
    // scalar or string: one unlabeled value
    return [{ metric: {}, value: body.data.result as [number, string] }];
  };
  return { ...service, query };
}

/** Runs `prometheus-alertmanager` sending every notification to `webhookUrl` with short grouping waits. */
export async function startAlertmanager(options: { webhookUrl: string }): Promise<RunningService> {
  const binary = findBinary('prometheus-alertmanager', 'prometheus-alertmanager');
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'propo-alertmanager-'))]);
  const configFile = join(dir, 'alertmanager.yml');
  await writeFile(configFile, stringify({
    route: { receiver: 'test-webhook', group_by: ['alertname'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
    receivers: [{ name: 'test-webhook', webhook_configs: [{ url: options.webhookUrl, send_resolved: true }] }],
  }));
  return launch({
    binary,
    port,
    dir,
    readyPath: '/-/ready',
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty cluster address turns off gossip, which would otherwise bind 0.0.0.0:9094.
      '--cluster.listen-address=',
    ],
  });
}

/** Runs `prometheus-node-exporter` on a free loopback port. */
export async function startNodeExporter(): Promise<RunningService> {
  const binary = findBinary('prometheus-node-exporter', 'prometheus-node-exporter');
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'propo-node-exporter-'))]);
  return launch({
    binary,
    port,
    dir,
    readyPath: '/metrics',
    args: [`--web.listen-address=127.0.0.1:${port}`, `--collector.textfile.directory=${dir}`],
  });
}

/** Runs a throwaway `redis-server` (no persistence, 64 MB maxmemory); `url` is `redis://127.0.0.1:port`. */
export async function startRedis(): Promise<RunningService> {
  const binary = findBinary('redis-server', 'redis-server');
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'propo-redis-'))]);
  const service = await launch({
    binary,
    port,
    dir,
    ready: () => redisPing(port),
    args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory', '64mb'],
  });
  return { ...service, url: `redis://127.0.0.1:${port}` };
}

async function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1_000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Runs `prometheus-redis-exporter` against `redisUrl` (`redis://host:port`). */
export async function startRedisExporter(redisUrl: string): Promise<RunningService> {
  const binary = findBinary('prometheus-redis-exporter', 'prometheus-redis-exporter');
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'propo-redis-exporter-'))]);
  return launch({
    binary,
    port,
    dir,
    readyPath: '/metrics',
    args: ['-redis.addr', redisUrl, '-web.listen-address', `127.0.0.1:${port}`],
  });
}
