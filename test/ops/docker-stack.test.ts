/**
 * The runbook, for real: builds Propo's image from the real Dockerfile on a base image made here (debootstrap +
 * Node from npm), the monitoring images from Debian's packages, and runs the runbook's procedures with its own
 * commands (docker-compose 1.29) against the containers: deploy and post-deployment validation, hardening,
 * monitoring (Prometheus scrapes the app over the compose bridge), a real PDF uploaded and asked through the
 * published port, backup and restore of the data volume, restarts that keep the data, blue-green and rollback.
 * Grafana has no local image (Debian does not package it): its provisioning stays checked statically
 * (containers.test.ts, monitoring-config.test.ts). Runs when root (starts its own dockerd) or when Docker answers.
 * PROPO_TEST_SIZE=large uploads more PDFs and runs the latency audit. PROPO_DOCKER_CACHE: cache dir.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { useDockerDaemon } from '../../src/testing/docker-daemon.ts';
import { buildLocalImages, buildPropoImage, ensureBaseImage } from '../../src/testing/docker-images.ts';
import { createComposeProject, waitFor, type ComposeProject } from '../../src/testing/compose-project.ts';
import { runShell } from '../../src/testing/run-command.ts';

const root = resolve(import.meta.dirname, '../..');
const pdfDir = resolve(root, '../shared/datasets/documents/pdf');
const large = process.env.PROPO_TEST_SIZE === 'large';
const PDFS = [
  { file: 'tracemonkey_a11y.pdf', question: 'What is a trace tree?' },
  ...(large ? [{ file: 'arxiv-1706.03762v5-attention.pdf', question: 'What is multi-head attention?' }, { file: 'arxiv-1512.03385v1-resnet.pdf', question: 'What is a residual block?' }] : []),
];
const cacheDir = process.env.PROPO_DOCKER_CACHE ?? join(homedir(), '.cache/propo-test/docker');
const dockerAnswers = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
const skip = process.getuid?.() === 0 || dockerAnswers ? false : 'needs root (to start dockerd) or a working Docker';
const SECRET = `docker-test-secret-${process.pid}-${Date.now()}`;
const BLUE = 'test-blue';
const GREEN = 'test-green';

const log = (line: string) => process.stdout.write(`docker: ${line}\n`);
const json = <T>(text: string): T => JSON.parse(text) as T;
const host = (port: number) => `http://127.0.0.1:${port}`;
/** A runbook script on the host (bin/propo of this checkout) against the published ports. */
const script = (line: string) => runShell(line, { cwd: root, timeoutMs: 5 * 60_000 });

async function documentFiles(p: ComposeProject, port: number): Promise<string[]> {
  return json<{ documents: { file: string }[] }>((await p.sh(`curl -fsS ${host(port)}/api/documents`)).stdout).documents.map((d) => d.file).sort();
}

async function waitReady(p: ComposeProject, metricsPort: number): Promise<void> {
  await waitFor(`ready on :${metricsPort}`, async () => (await p.sh(`curl -fsS ${host(metricsPort)}/ready`, { allowFailure: true })).code === 0);
}

/** Uploads a PDF, asks about it and resolves every citation to the exact page slice, all through the published port. */
async function uploadAndAsk(p: ComposeProject, port: number, pdf: { file: string; question: string }): Promise<void> {
  const upload = json<{ documents: { status: string }[] }>((await p.sh(`curl -fsS -F "files=@${join(pdfDir, pdf.file)};type=application/pdf" ${host(port)}/api/documents`)).stdout);
  assert.ok(['ingested', 'unchanged'].includes(upload.documents[0]?.status ?? ''), `${pdf.file}: ${JSON.stringify(upload)}`);
  const body = JSON.stringify({ model: 'propo', stream: false, messages: [{ role: 'user', content: pdf.question }] });
  const answer = json<{ citations: { file: string; page: number; start: number; end: number; text: string }[] }>(
    (await p.sh(`curl -fsS -H 'content-type: application/json' --data-binary @- ${host(port)}/v1/chat/completions <<'EOF'\n${body}\nEOF`)).stdout);
  assert.ok(answer.citations.some((c) => c.file === pdf.file), `${pdf.question}: cites ${pdf.file}: ${JSON.stringify(answer.citations.map((c) => c.file))}`);
  for (const c of answer.citations) {
    const marker = encodeURIComponent(`[${c.file}:${c.page}:${c.start}-${c.end}]`);
    const resolved = json<{ text: string; pageText: string }>((await p.sh(`curl -fsS '${host(port)}/api/citations/resolve?marker=${marker}'`)).stdout);
    assert.equal(resolved.pageText.slice(c.start, c.end), c.text, `citation ${decodeURIComponent(marker)} is the page slice`);
  }
}

void test('the runbook in Docker: deploy, validate, harden, monitor, ask, back up and restore, restart, blue-green, rollback', { skip, timeout: 45 * 60_000 }, async (t) => {
  const started = Date.now();
  const timings: string[] = [];
  const timed = async (name: string, work: () => Promise<void>) => {
    const t0 = Date.now();
    await work();
    timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  };
  const daemon = await useDockerDaemon(join(cacheDir, 'engine'));
  assert.ok(daemon, 'a Docker daemon');
  log(daemon.own ? `own dockerd, ${daemon.driver ?? ''} (${daemon.env.DOCKER_HOST ?? ''})` : 'the running Docker daemon');
  let project: ComposeProject | null = null;
  try {
    let base = '';
    let localImages: Record<string, string> = {};
    await timed('base image', async () => { base = await ensureBaseImage(daemon.env, cacheDir, log); });
    await timed('propo images', async () => {
      await buildPropoImage(daemon.env, root, base, `propo:${BLUE}`, { 'propo.test.slot': 'blue' });
      await buildPropoImage(daemon.env, root, base, `propo:${GREEN}`, { 'propo.test.slot': 'green' });
    });
    await timed('local images', async () => { localImages = await buildLocalImages(daemon.env, root, base); });
    const p = await createComposeProject(root, daemon.env,
      { PROPO_TAG: BLUE, PROPO_NEW_TAG: GREEN, PROPO_ROLLBACK_TAG: BLUE, ...localImages },
      { GRADIO_AUTH_PASS: SECRET, REDIS_URL: 'redis://redis:6379' });
    project = p;
    // The app runs as uid 10001 and reads the mounted .env: owner-only, as for any secret file.
    chownSync(join(p.dir, '.env'), 10001, 10001);
    chmodSync(join(p.dir, '.env'), 0o600);
    const { ports } = p;
    const slot = async (service: string) => (await p.inspect(service)).Config.Labels?.['propo.test.slot'];

    await t.test('the compose file parses with docker-compose 1.29 (the runbook\'s command)', async () => {
      log((await p.sh('docker-compose version --short')).stdout.trim());
      await p.sh('docker-compose config -q && docker-compose --profile full config -q');
      const services = (await p.sh('docker-compose --profile full config --services')).stdout.trim().split('\n');
      assert.ok(services.includes('rag-chatbot-prod-new') && services.includes('grafana'), services.join(' '));
    });

    await t.test('deploy: docker-compose up -d rag-chatbot-prod, then the post-deployment validation', async () => {
      await timed('deploy until healthy', async () => {
        await p.sh('docker-compose up -d rag-chatbot-prod');
        await waitFor('HEALTHCHECK healthy', async () => (await p.inspect('rag-chatbot-prod')).State.Health?.Status === 'healthy', 240_000);
      });
      assert.match((await p.sh(`curl -f ${host(ports.PROPO_METRICS_PORT)}/health`)).stdout, /"status":"healthy"/);
      await p.sh(`curl -f -o /dev/null ${host(ports.PROPO_PORT)}`);
      await script(`scripts/validate_deployment.sh ${host(ports.PROPO_METRICS_PORT)}`);
    });

    await t.test('hardening: non-root, read-only root with its volumes, no-new-privileges, no secret in inspect or history', async () => {
      const c = await p.inspect('rag-chatbot-prod');
      assert.equal(c.Config.User, 'propo:propo');
      assert.equal((await p.sh('docker-compose exec -T rag-chatbot-prod id -u')).stdout.trim(), '10001');
      assert.equal(c.HostConfig.ReadonlyRootfs, true);
      assert.ok(c.HostConfig.SecurityOpt?.includes('no-new-privileges:true'));
      const status = (await p.sh('docker-compose exec -T rag-chatbot-prod cat /proc/1/status')).stdout;
      assert.match(status, /NoNewPrivs:\s+1/);
      assert.match(status, /CapEff:\s+0+\n/);
      const write = async (path: string) => (await p.sh(`docker-compose exec -T rag-chatbot-prod sh -c 'touch ${path} && rm ${path}'`, { allowFailure: true })).code === 0;
      assert.equal(await write('/app/probe'), false, 'the root filesystem is read-only');
      assert.equal(await write('/app/src/probe'), false, 'the code is read-only');
      for (const dir of ['/app/data', '/app/logs', '/app/backups', '/tmp']) assert.equal(await write(`${dir}/probe`), true, `${dir} is writable`);
      const volumes = c.Mounts.filter((m) => m.Type === 'volume' && m.RW).map((m) => m.Destination).sort();
      assert.deepEqual(volumes, ['/app/backups', '/app/data', '/app/logs']);
      for (const bindings of Object.values(c.HostConfig.PortBindings)) for (const b of bindings) assert.equal(b.HostIp, '127.0.0.1');
      const image = (await p.sh(`docker image inspect propo:${BLUE}`)).stdout;
      const history = (await p.sh(`docker history --no-trunc propo:${BLUE}`)).stdout;
      for (const [what, text] of [['docker inspect', JSON.stringify(c)], ['docker image inspect', image], ['docker history', history]] as const) {
        assert.ok(!text.includes(SECRET), `${what} holds no secret`);
      }
      const check = await p.sh('docker-compose exec -T rag-chatbot-prod bin/propo config check');
      assert.ok(!check.stdout.includes(SECRET), 'config check redacts the secret');
    });

    await t.test('monitoring: Prometheus healthy and its target for Propo up == 1, over the compose bridge', async () => {
      await timed('monitoring up', async () => {
        await p.sh('docker-compose --profile full up -d redis');
        // Grafana has no local image: the services are named (`--profile monitoring up -d` would pull grafana/grafana).
        await p.sh('docker-compose --profile monitoring up -d monitoring alertmanager node-exporter redis-exporter');
        // The containers are up before their servers listen: poll (a connection reset right after `up -d` was seen).
        await waitFor('Prometheus healthy', async () => (await p.sh(`curl -fsS ${host(ports.PROMETHEUS_PORT)}/-/healthy`, { allowFailure: true })).code === 0, 120_000);
      }).catch(async (error: unknown) => {
        log((await p.sh('docker-compose --profile full logs --tail 30', { allowFailure: true })).stdout.slice(-4000));
        throw error;
      });
      await waitFor('Alertmanager healthy', async () => (await p.sh(`curl -fsS ${host(ports.ALERTMANAGER_PORT)}/-/healthy`, { allowFailure: true })).code === 0, 120_000);
      const up = async () => {
        const r = json<{ data: { result: { metric: { job: string }; value: [number, string] }[] } }>((await p.sh(`curl -fsS '${host(ports.PROMETHEUS_PORT)}/api/v1/query?query=up'`)).stdout);
        return Object.fromEntries(r.data.result.map((s) => [s.metric.job, s.value[1]]));
      };
      await waitFor('up == 1 for every scrape job', async () => {
        const jobs = await up();
        return ['rag-chatbot', 'node-exporter', 'redis-exporter', 'prometheus'].every((job) => jobs[job] === '1');
      }, 120_000).catch(async (error: unknown) => {
        log(`up: ${JSON.stringify(await up())}`);
        throw error;
      });
      const alertmanagers = json<{ data: { activeAlertmanagers: unknown[] } }>((await p.sh(`curl -fsS ${host(ports.PROMETHEUS_PORT)}/api/v1/alertmanagers`)).stdout);
      assert.equal(alertmanagers.data.activeAlertmanagers.length, 1, 'Prometheus found alertmanager by its service name');
      await waitFor('the app reaches redis by its service name', async () =>
        json<{ checks: Record<string, { status: string }> }>((await p.sh(`curl -sS '${host(ports.PROPO_METRICS_PORT)}/health?detailed=true'`)).stdout).checks.redis?.status === 'healthy', 90_000);
    });

    await t.test('upload a real PDF and ask through the published port; the integration script', async () => {
      for (const pdf of PDFS) await uploadAndAsk(p, ports.PROPO_PORT, pdf);
      await script(`scripts/run_integration_tests.sh ${host(ports.PROPO_PORT)}`);
      if (large) await script(`scripts/performance_audit.sh ${host(ports.PROPO_PORT)} ${host(ports.PROPO_METRICS_PORT)} 20`);
    });

    await t.test('backup and restore of the data volume (runbook §4 in the container)', async () => {
      const before = await documentFiles(p, ports.PROPO_PORT);
      const backup = json<{ archive: string }>((await p.sh('docker-compose exec -T rag-chatbot-prod bin/propo backup --json')).stdout);
      assert.match(backup.archive, /^\/app\/backups\/propo_\d{8}_\d{6}\.tar\.gz$/);
      await p.sh(`docker-compose exec -T rag-chatbot-prod bin/propo backup verify ${backup.archive}`);
      // Off-host copy, and validate_backups.sh on it from the host.
      await p.sh(`mkdir -p backups && docker cp "$(docker-compose ps -q rag-chatbot-prod):${backup.archive}" backups/`);
      await script(`scripts/validate_backups.sh ${join(p.dir, 'backups')}`);
      // A change after the backup that the restore must undo.
      await p.sh(`curl -fsS -F "files=@${join(pdfDir, 'TAMReview.pdf')};type=application/pdf" ${host(ports.PROPO_PORT)}/api/documents`);
      assert.notDeepEqual(await documentFiles(p, ports.PROPO_PORT), before);
      await timed('restore', async () => {
        await p.sh('docker-compose stop rag-chatbot-prod');
        await p.sh(`docker-compose run --rm --no-deps -T rag-chatbot-prod bin/propo restore --force ${backup.archive}`);
        await p.sh('docker-compose start rag-chatbot-prod');
        await waitReady(p, ports.PROPO_METRICS_PORT);
      });
      assert.deepEqual(await documentFiles(p, ports.PROPO_PORT), before, 'the restored data volume holds what the backup held');
      await script(`scripts/run_integration_tests.sh ${host(ports.PROPO_PORT)}`);
    });

    await t.test('restarts keep the data: docker-compose restart, and a recreated container', async () => {
      const before = await documentFiles(p, ports.PROPO_PORT);
      await p.sh('docker-compose restart rag-chatbot-prod');
      await waitReady(p, ports.PROPO_METRICS_PORT);
      assert.deepEqual(await documentFiles(p, ports.PROPO_PORT), before);
      const oldId = await p.containerId('rag-chatbot-prod');
      await p.sh('docker-compose rm -sf rag-chatbot-prod && docker-compose up -d rag-chatbot-prod');
      assert.notEqual(await p.containerId('rag-chatbot-prod'), oldId, 'a new container');
      await waitReady(p, ports.PROPO_METRICS_PORT);
      assert.deepEqual(await documentFiles(p, ports.PROPO_PORT), before);
    });

    await t.test('blue-green: the candidate on 7861, the integration script against it, switch, stop the old one; emergency rollback', async () => {
      const docs = await documentFiles(p, ports.PROPO_PORT);
      await timed('blue-green', async () => {
        await p.sh('docker-compose --profile full up -d rag-chatbot-prod-new');
        await waitReady(p, ports.PROPO_NEW_METRICS_PORT);
        assert.equal(await slot('rag-chatbot-prod-new'), 'green');
        await script(`scripts/validate_deployment.sh ${host(ports.PROPO_NEW_METRICS_PORT)}`);
        await script(`scripts/run_integration_tests.sh ${host(ports.PROPO_NEW_PORT)}`);
        assert.deepEqual(await documentFiles(p, ports.PROPO_NEW_PORT), docs, 'green serves the same data volume');
        // Switch (runbook §5 without a proxy): the main service moves to the new image, then the candidate stops.
        await p.sh(`PROPO_TAG=${GREEN} docker-compose up -d rag-chatbot-prod`);
        await waitReady(p, ports.PROPO_METRICS_PORT);
        await p.sh('docker-compose --profile full stop rag-chatbot-prod-new');
        assert.equal(await slot('rag-chatbot-prod'), 'green', ':7860 serves the new image');
        assert.deepEqual(await documentFiles(p, ports.PROPO_PORT), docs);
      });
      await timed('rollback', async () => {
        // Emergency rollback (runbook §6): the previous image on 7862 at once, then the main service back to it.
        await p.sh(`PROPO_ROLLBACK_TAG=${BLUE} docker-compose --profile full up -d rag-chatbot-prod-rollback`);
        await waitReady(p, ports.PROPO_ROLLBACK_METRICS_PORT);
        assert.equal(await slot('rag-chatbot-prod-rollback'), 'blue');
        await p.sh(`curl -f ${host(ports.PROPO_ROLLBACK_METRICS_PORT)}/health`);
        assert.deepEqual(await documentFiles(p, ports.PROPO_ROLLBACK_PORT), docs);
        await p.sh(`PROPO_TAG=${BLUE} docker-compose up -d rag-chatbot-prod`);
        await waitReady(p, ports.PROPO_METRICS_PORT);
        await p.sh('docker-compose --profile full stop rag-chatbot-prod-rollback');
        assert.equal(await slot('rag-chatbot-prod'), 'blue');
        await script(`scripts/run_integration_tests.sh ${host(ports.PROPO_PORT)}`);
      });
    });
  } finally {
    log(`${timings.join(', ')}; ${((Date.now() - started) / 1000).toFixed(0)} s until cleanup`);
    if (project) await project.remove();
    // Keep the cache to what the next run reuses: dangling images from rebuilt tags go.
    await runShell('docker image prune -f', { env: daemon.env, allowFailure: true });
    await daemon.stop();
  }
});
