#!/usr/bin/env node
// `npm test`: installs the Debian packages the tests need (when root), then typecheck, lint and every test.
// Size knob for crash/fuzz/load runs: PROPO_TEST_SIZE (default "small"; bench/ uses "large").
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const APT = {
  'redis-server': 'redis-server',
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  'prometheus-node-exporter': 'prometheus-node-exporter',
  'prometheus-redis-exporter': 'prometheus-redis-exporter',
  haproxy: 'haproxy',
  chromium: 'chromium',
  pdftotext: 'poppler-utils',
  // test/ops/docker-stack.test.ts: its own dockerd, the runbook's docker-compose 1.29, the base image's debootstrap.
  dockerd: 'docker.io',
  'docker-compose': 'docker-compose',
  debootstrap: 'debootstrap',
};

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd} || test -x /usr/sbin/${cmd} || test -x /usr/bin/${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureApt() {
  const missing = [...new Set(Object.entries(APT).filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && process.env.PROPO_SKIP_APT !== '1') {
    console.log(`[test] installing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
    if (r.status !== 0) console.log('[test] apt-get install failed; tests that need these programs will report them missing.');
    // Debian starts some services on install; the tests start their own on free ports.
    spawnSync('sh', ['-c', 'for s in redis-server prometheus prometheus-alertmanager prometheus-node-exporter prometheus-redis-exporter haproxy nginx; do (service $s stop || true) >/dev/null 2>&1; done']);
  } else {
    console.log(`[test] missing programs: install with 'sudo apt-get install ${missing.join(' ')}'; tests needing them will fail.`);
  }
}

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function run(label, cmd, args, extraEnv = {}) {
  console.log(`[test] ${label}: ${cmd} ${args.join(' ').slice(0, 200)}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.log(`[test] ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

const only = process.argv.slice(2);
if (only.length === 0) {
  ensureApt();
  run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  // The browser code (plain ES modules served as-is) is checked by its own project: DOM lib, checkJs.
  run('typecheck (web)', 'npx', ['tsc', '-p', 'tsconfig.web.json']);
  run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
}
const files = (only.length ? only : ['src', 'test'].filter((d) => existsSync(join(root, d))).flatMap((d) => findTests(join(root, d))))
  .map((f) => relative(root, f)).sort();

// Every test file gets 10 minutes, except the ones listed here, which set longer per-test timeouts of their own and
// would otherwise be cut off by the file-level limit on a loaded machine. They run alongside the others in a second
// runner (so a hung test elsewhere is still stopped after 10 minutes), their report printed when both are done.
// The count-bounded crash and whole-corpus files took 9-10 minutes each at load 15-20 (2026-12-03), so they go there too.
const LONG_FILES = new Map([
  ['test/ops/docker-stack.test.ts', 50 * 60_000],
  ['test/ingest/crash.test.ts', 40 * 60_000],
  ['test/ingest/documents-corpus.test.ts', 40 * 60_000],
  ['test/parsers/documents-corpus.test.ts', 40 * 60_000],
  ['test/reliability/hnsw-crash.test.ts', 40 * 60_000],
]);
const testEnv = {
  ...process.env,
  PROPO_TEST_SIZE: process.env.PROPO_TEST_SIZE ?? 'small', NODE_ENV: 'test',
  // EMBEDDER=auto must never reach the real model hub from a test: a closed local port refuses at once.
  EMBED_HUB_URL: process.env.EMBED_HUB_URL ?? 'http://127.0.0.1:9',
};
const testArgs = (timeoutMs, list) => ['--import', './bin/register.mjs', '--test', '--test-concurrency=2', `--test-timeout=${timeoutMs}`, ...list];

// The Docker test adds and removes bridges and veth interfaces; Chromium then aborts every request in flight with
// ERR_NETWORK_CHANGED (decision 0147), so it runs after the regular files, whose E2E tests drive Chromium.
const AFTER_REGULAR = new Set(['test/ops/docker-stack.test.ts']);
const after = files.filter((f) => AFTER_REGULAR.has(f));
const long = files.filter((f) => LONG_FILES.has(f) && !AFTER_REGULAR.has(f));
const regular = files.filter((f) => !LONG_FILES.has(f) && !AFTER_REGULAR.has(f));
let longRun;
if (long.length > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'propo-test-long-'));
  const logFile = join(dir, 'report.txt');
  const fd = openSync(logFile, 'w');
  const timeoutMs = Math.max(...long.map((f) => LONG_FILES.get(f)));
  console.log(`[test] long tests (${long.join(' ')}) run alongside, ${timeoutMs / 60_000} min each; report printed at the end`);
  const child = spawn(process.execPath, testArgs(timeoutMs, long), { cwd: root, env: testEnv, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  longRun = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, logFile })));
}
let failed = false;
if (regular.length > 0) {
  console.log(`[test] tests: ${regular.length} files`);
  const r = spawnSync(process.execPath, testArgs(600_000, regular), { stdio: 'inherit', cwd: root, env: testEnv });
  if (r.status !== 0) { failed = true; console.log(`[test] tests failed (exit ${r.status ?? r.signal})`); }
}
if (after.length > 0) {
  console.log(`[test] after the regular files: ${after.join(' ')}`);
  const timeoutMs = Math.max(...after.map((f) => LONG_FILES.get(f) ?? 600_000));
  const r = spawnSync(process.execPath, testArgs(timeoutMs, after), { stdio: 'inherit', cwd: root, env: testEnv });
  if (r.status !== 0) { failed = true; console.log(`[test] ${after.join(' ')} failed (exit ${r.status ?? r.signal})`); }
}
if (longRun) {
  const { code, signal, logFile } = await longRun;
  console.log(`[test] long tests report (${long.join(' ')}):`);
  process.stdout.write(readFileSync(logFile));
  if (code !== 0) { failed = true; console.log(`[test] long tests failed (exit ${code ?? signal})`); }
}
if (failed) process.exit(1);
console.log('[test] all passed');
