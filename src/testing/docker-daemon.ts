/**
 * A Docker engine for the container tests: the one DOCKER_HOST (or the default socket) points at when it answers,
 * otherwise (as root) a `dockerd` of our own: overlay2 storage when the kernel has overlayfs and the cache dir is
 * not itself on overlayfs (a container's root), else vfs (works anywhere, but copies every layer in full:
 * ~5x slower here); PROPO_DOCKER_STORAGE_DRIVER overrides. Its data root is under the cache dir (images and build
 * layers survive between runs), exec root, pidfile and socket in a temp dir, no default bridge (compose makes its
 * own networks; builds use the host network). Stopped by `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.ts';

export interface DockerDaemon {
  /** Environment for docker / docker-compose (DOCKER_HOST set when the daemon is ours). */
  env: NodeJS.ProcessEnv;
  /** True when this process started the daemon. */
  own: boolean;
  /** Where the daemon's log goes (own daemon only). */
  log: string | null;
  /** Storage driver of our own daemon. */
  driver: string | null;
  stop(): Promise<void>;
}

async function answers(env: NodeJS.ProcessEnv): Promise<boolean> {
  const result = await runCommand('docker', ['version', '--format', '{{.Server.Version}}'], { env, allowFailure: true, timeoutMs: 20_000 }).catch(() => null);
  return result?.code === 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function storageDriver(dir: string): string {
  const chosen = process.env.PROPO_DOCKER_STORAGE_DRIVER;
  if (chosen) return chosen;
  const kernelHasOverlay = /\boverlay\n/.test(readFileSync('/proc/filesystems', 'utf8'));
  const fsType = spawnSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).stdout.trim();
  return kernelHasOverlay && fsType !== 'overlayfs' ? 'overlay2' : 'vfs';
}

/**
 * docker-compose.yml mounts the host root into node-exporter with `rslave` propagation, which Docker accepts only when
 * `/` is a shared (or slave) mount. systemd hosts make it shared at boot; a minimal VM or container may leave it
 * private, so it is made shared as systemd would (`mount --make-rshared /`).
 */
function ensureSharedRoot(): void {
  const rootLine = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((line) => line.split(' ')[4] === '/');
  if (rootLine && !/ (shared|master):\d+/.test(rootLine)) spawnSync('mount', ['--make-rshared', '/'], { stdio: 'ignore' });
}

/** Starts (or reuses) a daemon; null when none answers and we may not start one (not root, or no dockerd). */
export async function useDockerDaemon(cacheDir: string): Promise<DockerDaemon | null> {
  if (await answers(process.env)) return { env: { ...process.env }, own: false, log: null, driver: null, stop: async () => {} };
  if (process.getuid?.() !== 0) return null;
  mkdirSync(cacheDir, { recursive: true });
  // One daemon per data root: when another run holds the cached one, this run uses a fresh (cold) data root.
  const lockFile = join(cacheDir, 'dockerd.lock');
  const holder = existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8')) : 0;
  const cached = !(holder > 0 && holder !== process.pid && alive(holder));
  const dataRoot = cached ? join(cacheDir, 'data-root') : await mkdtemp(join(cacheDir, 'data-root-'));
  if (cached) writeFileSync(lockFile, String(process.pid));
  // Short path: the daemon's unix sockets must stay under 108 bytes.
  const execRoot = await mkdtemp('/tmp/propo-dockerd-');
  const socket = join(execRoot, 'docker.sock');
  const log = join(execRoot, 'dockerd.log');
  const logFd = openSync(log, 'a');
  const driver = storageDriver(cacheDir);
  ensureSharedRoot();
  const child: ChildProcess = spawn('dockerd', [
    `--storage-driver=${driver}`, `--data-root=${dataRoot}`, `--exec-root=${join(execRoot, 'exec')}`,
    `--pidfile=${join(execRoot, 'dockerd.pid')}`, `-H`, `unix://${socket}`, '--bridge=none',
  ], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  const env = { ...process.env, DOCKER_HOST: `unix://${socket}` };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(killer);
    }
    if (cached) await rm(lockFile, { force: true });
    else await rm(dataRoot, { recursive: true, force: true });
    // dockerd leaves its netns bind mounts (exec/netns/default) behind: unmount whatever is still under the exec root.
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((line) => line.split(' ')[4] ?? '').filter((m) => m.startsWith(`${execRoot}/`));
    for (const mount of mounts.reverse()) spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
    await rm(execRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) break;
    if (await answers(env)) return { env, own: true, log, driver, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = readFileSync(log, 'utf8').slice(-2000);
  await stop();
  throw new Error(`dockerd (${driver}) did not start (data root ${dataRoot}; PROPO_DOCKER_STORAGE_DRIVER=vfs forces vfs):\n${tail}`);
}
