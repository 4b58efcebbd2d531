/**
 * Runs every runbook script in scripts/ for real: against a real `bin/propo serve` process over a
 * temp data dir with real documents, checking exit codes and what they print.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { propoBin, repoRoot, run, startServe } from './serve-process.ts';

const datasets = join(repoRoot, '../shared/datasets/documents');
const script = (name: string) => join(repoRoot, 'scripts', name);

void test('runbook scripts work against a running instance', async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-scripts-'));
  const env = { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs'), BACKUP_DIR: join(root, 'backups') };
  const ingest = await run(propoBin, ['ingest', join(datasets, 'md/rustbook-ch04-01-what-is-ownership.md'), join(datasets, 'md/vite-guide-cli.md')], env, root);
  assert.equal(ingest.code, 0, ingest.stderr);
  const server = await startServe(env);
  try {
    const validate = await run(script('validate_deployment.sh'), [server.metricsUrl], env, root);
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    assert.match(validate.stdout, /ok\s+health\s+HTTP 200/);
    const unreachable = await run(script('validate_deployment.sh'), ['http://127.0.0.1:9'], env, root);
    assert.notEqual(unreachable.code, 0, 'a dead URL fails validation');

    const integration = await run(script('run_integration_tests.sh'), [server.url], env, root);
    assert.equal(integration.code, 0, integration.stdout + integration.stderr);
    assert.match(integration.stdout, /ok\s+cite \[propo-integration-sample\.md:1:\d+-\d+\]: text equals the page slice/);
    const wrongTarget = await run(script('run_integration_tests.sh'), [server.metricsUrl], env, root);
    assert.notEqual(wrongTarget.code, 0, 'an instance without the API fails the integration test');

    const perf = await run(script('performance_audit.sh'), [server.url, server.metricsUrl, '6'], env, root);
    assert.equal(perf.code, 0, perf.stdout + perf.stderr);
    assert.match(perf.stdout, /6 requests, 0 failed: p50 [\d.]+ ms, p95 [\d.]+ ms/);
    assert.match(perf.stdout, /propo_answers_total \d+/);

    const resources = await run(script('check_system_resources.sh'), ['--json'], env, root);
    const report = JSON.parse(resources.stdout) as { disk: { freeBytes: number }; processes: Array<{ command: string; rssBytes: number }> };
    assert.ok(report.disk.freeBytes > 0);
    assert.ok(report.processes.some((p) => p.command.includes(`--port ${server.port}`) && p.rssBytes > 0), 'the running server and its RSS are listed');

    const capacity = await run(script('capacity_planning.sh'), ['--json'], env, root);
    assert.equal(capacity.code, 0, capacity.stderr);
    const plan = JSON.parse(capacity.stdout) as { now: { documents: number; vectors: number }; projection: Array<{ days: number; dataDirBytes: number }>; monthlyLlmCostUsd: number };
    assert.equal(plan.now.documents, 3, 'two ingested + the integration sample');
    assert.ok(plan.now.vectors > 0);
    assert.deepEqual(plan.projection.map((p) => p.days), [30, 90, 365]);

    // Backup while the server runs, then validate every archive; a corrupt one makes validation fail.
    const backup = await run(script('backup_current_deployment.sh'), [], env, root);
    assert.equal(backup.code, 0, backup.stdout + backup.stderr);
    assert.match(backup.stdout, /ok\s+\S+propo_\d{8}_\d{6}\.tar\.gz\s+3 documents/);
    const validateBackups = await run(script('validate_backups.sh'), [env.BACKUP_DIR], env, root);
    assert.equal(validateBackups.code, 0, validateBackups.stdout + validateBackups.stderr);
    await writeFile(join(env.BACKUP_DIR, 'propo_20000101_000000.tar.gz'), 'not an archive');
    const withBad = await run(script('validate_backups.sh'), [env.BACKUP_DIR], env, root);
    assert.notEqual(withBad.code, 0);
    assert.match(withBad.stdout, /2 archives checked, 1 bad/);

    const audit = await readFile(join(env.PROPO_LOG_DIR, 'security_audit.log'), 'utf8');
    assert.match(audit, /"type":"BACKUP"/);
  } finally {
    await server.stop();
  }
  // Log rotation (server stopped so app.log no longer grows).
  const rotate = await run(script('rotate_logs.sh'), ['--force'], { ...env, KEEP: '1' }, root);
  assert.equal(rotate.code, 0, rotate.stderr);
  assert.match(rotate.stdout, /app\.log: rotated to .*app\.log\.\d{8}T\d{6}Z\.gz/);
  const logs = await readdir(env.PROPO_LOG_DIR);
  assert.ok(logs.some((f) => /^security_audit\.log\.\d{8}T\d{6}Z\.gz$/.test(f)), logs.join(' '));
  const notDue = await run(script('rotate_logs.sh'), [], env, root);
  assert.match(notDue.stdout, /app\.log: not due/);
  await rm(root, { recursive: true, force: true });
});
