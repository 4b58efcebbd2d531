// Static checks of monitoring/ with the real Prometheus toolchain (promtool, amtool) plus structure checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { findBinary } from '../../src/testing/prometheus-harness.ts';

const root = new URL('../../', import.meta.url).pathname;
const monitoring = join(root, 'monitoring');

interface AlertRule { alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
interface RulesFile { groups: { name: string; rules: AlertRule[] }[] }
interface AlertTestCase { eval_time: string; alertname: string; exp_alerts?: unknown[] }
interface RulesTestFile { rule_files: string[]; tests: { name: string; alert_rule_test?: AlertTestCase[] }[] }

const REQUIRED_ALERTS = [
  'RAGChatbotDown', 'HighMemoryUsage', 'HighCPUUsage', 'HighDiskUsage', 'RAGChatbotHighResponseTime', 'RAGChatbotHighErrorRate',
  'RedisDown', 'RedisMemoryHigh', 'SecurityEventsHigh', 'RateLimitExceeded', 'PropoIngestionFailureRate', 'PropoLLMErrorRate',
];

function run(binary: string, args: string[], cwd = root): { status: number | null; output: string } {
  const result = spawnSync(binary, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const readYaml = <T>(path: string): T => parse(readFileSync(path, 'utf8')) as T;
const alerts = (): AlertRule[] => readYaml<RulesFile>(join(monitoring, 'alert_rules.yml')).groups.flatMap((group) => group.rules);

void test('promtool check config accepts monitoring/prometheus.yml', () => {
  const result = run(findBinary('promtool', 'prometheus'), ['check', 'config', 'monitoring/prometheus.yml']);
  assert.equal(result.status, 0, result.output);
});

void test('prometheus.yml scrapes the app, node exporter, redis exporter and itself and alerts to alertmanager:9093', () => {
  interface ScrapeConfig { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }
  const config = readYaml<{ scrape_configs: ScrapeConfig[]; rule_files: string[]; alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] } }>(
    join(monitoring, 'prometheus.yml'));
  const targets = Object.fromEntries(config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((s) => s.targets)]));
  assert.deepEqual(targets['rag-chatbot'], ['rag-chatbot-prod:8000']);
  assert.equal(config.scrape_configs.find((job) => job.job_name === 'rag-chatbot')?.metrics_path, '/metrics');
  assert.deepEqual(targets['node-exporter'], ['node-exporter:9100']);
  assert.deepEqual(targets['redis-exporter'], ['redis-exporter:9121']);
  assert.ok(targets.prometheus?.length === 1, 'prometheus scrapes itself');
  assert.deepEqual(config.rule_files, ['alert_rules.yml']);
  assert.deepEqual(config.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((s) => s.targets)), ['alertmanager:9093']);
});

void test('promtool check rules accepts alert_rules.yml; every required alert has severity, summary and description', () => {
  const result = run(findBinary('promtool', 'prometheus'), ['check', 'rules', 'monitoring/alert_rules.yml']);
  assert.equal(result.status, 0, result.output);
  const rules = alerts();
  assert.deepEqual(rules.map((rule) => rule.alert).sort(), [...REQUIRED_ALERTS].sort());
  for (const rule of rules) {
    assert.match(rule.labels?.severity ?? '', /^(critical|warning)$/, `${rule.alert} severity`);
    assert.ok(rule.annotations?.summary, `${rule.alert} summary`);
    assert.ok(rule.annotations?.description, `${rule.alert} description`);
  }
  assert.equal(rules.find((rule) => rule.alert === 'RAGChatbotDown')?.labels?.severity, 'critical');
});

void test('promtool test rules passes, and the tests cover every alert firing and a healthy system firing none', () => {
  const result = run(findBinary('promtool', 'prometheus'), ['test', 'rules', 'monitoring/alert_rules.test.yml']);
  assert.equal(result.status, 0, result.output);
  const cases = readYaml<RulesTestFile>(join(monitoring, 'alert_rules.test.yml')).tests.flatMap((group) => group.alert_rule_test ?? []);
  const firing = new Set(cases.filter((c) => (c.exp_alerts ?? []).length > 0).map((c) => c.alertname));
  const silent = new Set(cases.filter((c) => (c.exp_alerts ?? []).length === 0).map((c) => c.alertname));
  for (const name of REQUIRED_ALERTS) assert.ok(firing.has(name), `a test expects ${name} to fire`);
  for (const name of REQUIRED_ALERTS) assert.ok(silent.has(name), `a test expects ${name} not to fire`);
});

void test('promtool test rules fails when an alert threshold is broken (the unit tests can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-rules-mutant-'));
  try {
    const rules = readYaml<RulesFile>(join(monitoring, 'alert_rules.yml'));
    for (const rule of rules.groups.flatMap((group) => group.rules)) {
      if (rule.alert === 'RedisMemoryHigh') rule.expr = rule.expr.replace('> 0.9', '> 0.99');
    }
    writeFileSync(join(dir, 'alert_rules.yml'), stringify(rules));
    copyFileSync(join(monitoring, 'alert_rules.test.yml'), join(dir, 'alert_rules.test.yml'));
    const result = run(findBinary('promtool', 'prometheus'), ['test', 'rules', 'alert_rules.test.yml'], dir);
    assert.notEqual(result.status, 0, result.output);
    assert.match(result.output, /RedisMemoryHigh/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('amtool check-config accepts monitoring/alertmanager.yml, which routes by severity to the app webhook', () => {
  const result = run(findBinary('amtool', 'prometheus-alertmanager'), ['check-config', 'monitoring/alertmanager.yml']);
  assert.equal(result.status, 0, result.output);
  interface Route { receiver?: string; matchers?: string[]; routes?: Route[] }
  const config = readYaml<{ route: Route; receivers: { name: string; webhook_configs?: { url: string }[] }[] }>(join(monitoring, 'alertmanager.yml'));
  const matchers = (config.route.routes ?? []).flatMap((route) => route.matchers ?? []);
  assert.ok(matchers.includes('severity="critical"') && matchers.includes('severity="warning"'), matchers.join(', '));
  const urls = config.receivers.flatMap((receiver) => receiver.webhook_configs ?? []).map((webhook) => webhook.url);
  assert.deepEqual(urls, ['http://rag-chatbot-prod:7860/api/alerts']);
});

void test('Grafana provisioning: datasource, dashboard provider and the production dashboard with every required panel', () => {
  const datasources = readYaml<{ datasources: { uid: string; type: string; url: string }[] }>(
    join(monitoring, 'grafana/provisioning/datasources/prometheus.yml')).datasources;
  assert.deepEqual(datasources.map((d) => [d.uid, d.type, d.url]), [['prometheus', 'prometheus', 'http://monitoring:9090']]);
  const providers = readYaml<{ providers: { type: string; options: { path: string } }[] }>(
    join(monitoring, 'grafana/provisioning/dashboards/dashboards.yml')).providers;
  assert.equal(providers[0]?.options.path, '/var/lib/grafana/dashboards');

  interface Panel { id: number; title: string; datasource: { uid: string }; targets: { expr: string; datasource: { uid: string } }[] }
  const dashboard = JSON.parse(readFileSync(join(monitoring, 'grafana/dashboards/propo-production.json'), 'utf8')) as { title: string; uid: string; panels: Panel[] };
  assert.equal(dashboard.title, 'Personal RAG Chatbot - Production Monitoring');
  const titles = dashboard.panels.map((panel) => panel.title.toLowerCase());
  const required = ['uptime', 'p95 response time', 'error rate', 'cpu', 'memory', 'disk', 'request rate', 'active user sessions',
    'ingestion success rate', 'llm tokens', 'llm cost', 'moe expert selections', 'moe gate decisions', 'security events', 'rate-limit hits'];
  for (const title of required) assert.ok(titles.some((t) => t.includes(title)), `panel "${title}"`);
  assert.equal(new Set(dashboard.panels.map((panel) => panel.id)).size, dashboard.panels.length, 'panel ids are unique');
  for (const panel of dashboard.panels) {
    assert.ok(panel.targets.length > 0, `${panel.title} has targets`);
    for (const target of panel.targets) {
      assert.ok(target.expr.trim().length > 0, `${panel.title} target has an expression`);
      assert.equal(target.datasource.uid, 'prometheus', `${panel.title} uses the provisioned datasource`);
    }
  }
});
