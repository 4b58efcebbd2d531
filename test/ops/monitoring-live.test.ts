// Live monitoring test: a real Prometheus scrapes Propo's metrics, a real node exporter and a real Redis exporter;
// every Grafana panel expression must return data, and stopping the app must page through a real Alertmanager.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createMetrics, observeRequest, type PropoMetrics } from '../../src/app/observability/index.ts';
import {
  startAlertmanager, startNodeExporter, startPrometheus, startRedis, startRedisExporter, waitFor, type RunningService,
} from '../../src/testing/prometheus-harness.ts';

const root = new URL('../../', import.meta.url).pathname;

/** Stand-in for the real app's traffic: touches every Propo metric, including 5xx and failures. */
function simulateTraffic(metrics: PropoMetrics): void {
  observeRequest(metrics, { method: 'POST', route: '/api/chat', status: 200, seconds: 0.8 + Math.random() });
  observeRequest(metrics, { method: 'GET', route: '/health', status: 200, seconds: 0.002 });
  observeRequest(metrics, { method: 'POST', route: '/api/chat', status: 500, seconds: 0.05 });
  for (const stage of ['embed', 'retrieve', 'rerank', 'first_token', 'total'] as const) metrics.queryStageSeconds.observe({ stage }, Math.random());
  metrics.answersTotal.inc({ mode: 'llm' });
  metrics.answersTotal.inc({ mode: 'extractive' });
  metrics.noMatchAnswersTotal.inc();
  metrics.llmTokensTotal.inc({ kind: 'prompt' }, 400);
  metrics.llmTokensTotal.inc({ kind: 'completion' }, 120);
  metrics.llmCostUsdTotal.inc(0.002);
  metrics.llmRequestsTotal.inc({ provider: 'openrouter', outcome: 'ok' });
  metrics.llmRequestsTotal.inc({ provider: 'openrouter', outcome: 'error' });
  metrics.ingestDocumentsTotal.inc({ outcome: 'succeeded' });
  metrics.ingestDocumentsTotal.inc({ outcome: 'failed' });
  metrics.ingestPropositionsTotal.inc(12);
  metrics.citationsRejectedTotal.inc();
  metrics.securityEventsTotal.inc({ type: 'login_failed' });
  metrics.rateLimitHitsTotal.inc({ route: '/api/chat' });
  metrics.cacheHitsTotal.inc({ cache: 'embedding' });
  metrics.cacheMissesTotal.inc({ cache: 'embedding' });
  metrics.moeExpertSelectionsTotal.inc({ expert: 'technical' });
  metrics.moeGateDecisionsTotal.inc({ decision: 'retrieve' });
  metrics.activeChatSessions.set(3);
  metrics.documents.set(10);
  metrics.propositions.set(420);
  metrics.redisUp.set(1);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return `http://127.0.0.1:${address.port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

interface WebhookAlert { status: string; labels: Record<string, string> }

void test('Prometheus scrapes Propo, node and Redis exporters; every dashboard query has data; RAGChatbotDown reaches the webhook', { timeout: 240_000 }, async (t) => {
  const started: RunningService[] = [];
  const servers: Server[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'propo-monitoring-live-'));
  t.after(async () => {
    for (const service of started.reverse()) await service.stop();
    for (const server of servers) if (server.listening) await close(server);
    await rm(dir, { recursive: true, force: true });
  });

  // The app's metrics endpoint (any base URL works: the real app can replace this server).
  const metrics = createMetrics({ version: 'test' });
  const appServer = createServer((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end();
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  servers.push(appServer);
  const appUrl = await listen(appServer);
  simulateTraffic(metrics);
  const traffic = setInterval(() => simulateTraffic(metrics), 300);
  t.after(() => clearInterval(traffic));

  // Alertmanager's webhook lands here.
  const received: WebhookAlert[] = [];
  const webhookServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push(...(JSON.parse(body) as { alerts: WebhookAlert[] }).alerts);
      response.writeHead(200).end();
    });
  });
  servers.push(webhookServer);
  const webhookUrl = `${await listen(webhookServer)}/api/alerts`;

  // The production rules with every `for:` shortened to 1s.
  const rules = parse(await readFile(join(root, 'monitoring/alert_rules.yml'), 'utf8')) as { groups: { rules: { for?: string }[] }[] };
  for (const rule of rules.groups.flatMap((group) => group.rules)) if (rule.for !== undefined) rule.for = '1s';
  const rulesFile = join(dir, 'alert_rules.yml');
  await writeFile(rulesFile, stringify(rules));

  const startedAt = Date.now();
  const [nodeExporter, redis, alertmanager] = await Promise.all([startNodeExporter(), startRedis(), startAlertmanager({ webhookUrl })]);
  started.push(nodeExporter, redis, alertmanager);
  const redisExporter = await startRedisExporter(redis.url);
  started.push(redisExporter);
  const prometheus = await startPrometheus({
    scrapeTargets: [
      { job: 'rag-chatbot', url: `${appUrl}/metrics` },
      { job: 'node-exporter', url: `${nodeExporter.url}/metrics` },
      { job: 'redis-exporter', url: `${redisExporter.url}/metrics` },
    ],
    rulesFile,
    alertmanagerUrl: alertmanager.url,
  });
  started.push(prometheus);

  const jobs = ['node-exporter', 'prometheus', 'rag-chatbot', 'redis-exporter'];
  await waitFor('every target up', async () => {
    const up = await prometheus.query('up');
    const healthy = up.filter((sample) => sample.value[1] === '1').map((sample) => sample.metric.job ?? '').sort();
    return healthy.join() === jobs.join() ? true : undefined;
  }, 60_000);
  // Rates need two scrapes of each target inside the window.
  await waitFor('two scrapes of every target', async () => {
    const counts = await prometheus.query('count_over_time(up[1m])');
    return counts.length === jobs.length && counts.every((sample) => Number(sample.value[1]) >= 3) ? true : undefined;
  }, 60_000);
  t.diagnostic(`all ${jobs.length} targets up and scraped 3x after ${Date.now() - startedAt} ms`);
  assert.equal((await prometheus.query('redis_up'))[0]?.value[1], '1');

  const dashboard = JSON.parse(await readFile(join(root, 'monitoring/grafana/dashboards/propo-production.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const expressions = dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })));
  assert.ok(expressions.length >= 15);
  for (const { panel, expr } of expressions) {
    const result = await prometheus.query(expr.replaceAll('$__rate_interval', '1m'));
    assert.ok(result.length > 0, `panel "${panel}": ${expr} returned no series`);
  }
  t.diagnostic(`${expressions.length} dashboard expressions returned data`);

  const firingDown = (): boolean => received.some((alert) => alert.labels.alertname === 'RAGChatbotDown' && alert.status === 'firing');
  assert.equal(firingDown(), false, 'RAGChatbotDown must not fire while the app is up');
  clearInterval(traffic);
  await close(appServer);
  const stoppedAt = Date.now();
  await waitFor('RAGChatbotDown at the webhook', async () => (firingDown() ? true : undefined), 60_000);
  const alert = received.find((a) => a.labels.alertname === 'RAGChatbotDown');
  assert.equal(alert?.labels.severity, 'critical');
  assert.equal(alert?.labels.job, 'rag-chatbot');
  t.diagnostic(`RAGChatbotDown reached the webhook ${Date.now() - stoppedAt} ms after the app stopped`);
});
