// Static checks of Dockerfile, docker-compose.yml and .dockerignore. The image and the stack run for real in
// docker-stack.test.ts; Grafana (no local image) is covered only here and in monitoring-config.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV_BINDINGS } from '../../src/core/config/schema.ts';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Instruction { keyword: string; args: string }

/** Splits a Dockerfile into instructions, joining `\` continuations and dropping comments. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    const space = full.search(/\s/);
    out.push({ keyword: full.slice(0, space).toUpperCase(), args: full.slice(space + 1).trim() });
  }
  return out;
}

const dockerfile = parseDockerfile(read('Dockerfile'));
const all = (keyword: string): string[] => dockerfile.filter((i) => i.keyword === keyword).map((i) => i.args);
const finalStage = dockerfile.slice(dockerfile.map((i) => i.keyword).lastIndexOf('FROM'));
const inFinal = (keyword: string): string[] => finalStage.filter((i) => i.keyword === keyword).map((i) => i.args);
// ALLOW_INSECURE_BIND: set in the image for the server's non-loopback bind check (issue 14), which adds it to ENV_BINDINGS.
const envBindingNames = new Set([...ENV_BINDINGS.map((binding) => binding.env), 'ALLOW_INSECURE_BIND']);

void test('Dockerfile is multi-stage on node:20-bookworm-slim with a production npm ci and .npmrc', () => {
  const froms = all('FROM');
  assert.ok(froms.length >= 2, `multi-stage: ${froms.join(' | ')}`);
  const args = Object.fromEntries(all('ARG').map((a) => a.split('=') as [string, string]));
  const base = froms.at(-1)?.split(/\s+/)[0]?.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '') ?? '';
  assert.equal(base, 'node:20-bookworm-slim');
  assert.ok(all('RUN').some((run) => /npm ci\b.*--omit=dev/.test(run)), 'npm ci --omit=dev');
  assert.ok(all('COPY').some((copy) => copy.split(/\s+/).includes('.npmrc')), '.npmrc copied');
  assert.ok(inFinal('COPY').some((copy) => copy.startsWith('--from=')), 'final stage copies from the deps stage');
});

void test('Dockerfile runs as the non-root user propo (uid 10001) and writes only to data, logs, backups and /tmp', () => {
  const user = inFinal('USER').at(-1) ?? 'root';
  assert.ok(!/^(root|0)(:|$)/.test(user), `USER ${user}`);
  assert.ok(all('RUN').some((run) => /useradd\b.*--uid 10001\b.*\bpropo\b/.test(run)), 'propo has uid 10001');
  assert.deepEqual(inFinal('WORKDIR'), ['/app']);
  const volumes = inFinal('VOLUME').flatMap((v) => JSON.parse(v) as string[]);
  assert.deepEqual(volumes.sort(), ['/app/backups', '/app/data', '/app/logs']);
  const env = inFinal('ENV').join(' ');
  assert.match(env, /PROPO_DATA_DIR=\/app\/data\b/);
  assert.match(env, /PROPO_LOG_DIR=\/app\/logs\b/);
  assert.match(env, /BACKUP_DIR=\/app\/backups\b/);
  assert.match(env, /HOST=0\.0\.0\.0\b.*ALLOW_INSECURE_BIND=true\b/);
  for (const [, name] of env.matchAll(/(\w+)=/g)) assert.ok(name !== undefined && envBindingNames.has(name), `ENV ${name} is in ENV_BINDINGS`);
  // Only the writable directories are chowned to propo; code stays root-owned.
  const chowns = all('RUN').flatMap((run) => [...run.matchAll(/chown\s+propo:propo\s+([^&]+)/g)].map((m) => (m[1] ?? '').trim().split(/\s+/))).flat();
  assert.deepEqual(chowns.sort(), ['/app/backups', '/app/data', '/app/logs']);
  assert.ok(inFinal('COPY').every((copy) => !copy.includes('--chown')), 'no COPY --chown');
});

void test('Dockerfile exposes 7860 and 8000, has a curl-free HEALTHCHECK and starts the compiled CLI\'s serve', () => {
  const ports = inFinal('EXPOSE').flatMap((e) => e.split(/\s+/));
  assert.ok(ports.includes('7860') && ports.includes('8000'), ports.join(' '));
  const healthcheck = inFinal('HEALTHCHECK').join(' ');
  assert.match(healthcheck, /CMD \["node", "-e", ".*fetch\('http:\/\/127\.0\.0\.1:7860\/health'\)/);
  assert.doesNotMatch(healthcheck, /curl|wget/);
  // The compiled output, built in an earlier stage; the final stage has no TypeScript sources (decision 0077).
  assert.deepEqual(JSON.parse(inFinal('CMD').at(-1) ?? 'null'), ['node', '--enable-source-maps', 'dist/current/src/app/cli/main.js', 'serve']);
  assert.ok(all('RUN').some((run) => /node scripts\/build\.mjs\b/.test(run)), 'a stage runs scripts/build.mjs');
  assert.ok(inFinal('COPY').some((copy) => /^--from=\w+\s+\S+\s+\.\/dist\/?$/.test(copy)), 'final stage copies dist/ from the build stage');
  assert.ok(inFinal('COPY').every((copy) => !/(^|\s)(\.\/)?src\/?(\s|$)/.test(copy)), 'final stage copies no sources');
  accessSync(join(root, 'bin/propo'), constants.X_OK);
});

void test('.dockerignore keeps secrets and local state out but not what the image copies', () => {
  const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const entry of ['node_modules', 'data', 'logs', 'backups', '.git', 'test-output', '.env']) assert.ok(ignored.includes(entry), entry);
  const copied = all('COPY').filter((c) => !c.startsWith('--from=')).flatMap((c) => c.split(/\s+/).slice(0, -1));
  for (const source of copied) {
    assert.ok(existsSync(join(root, source)), `COPY source ${source} exists`);
    assert.ok(!ignored.includes(source), `COPY source ${source} is not ignored`);
  }
});

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  env_file?: unknown;
  volumes?: string[];
  security_opt?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  healthcheck?: { test: string[] };
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { name?: string; services: Record<string, Service>; volumes: Record<string, unknown> };
/** What compose makes of `${VAR:-default}` when VAR is unset. */
const withDefaults = (value: string): string => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');
const service = (name: string): Service => {
  const found = compose.services[name];
  assert.ok(found, `service ${name}`);
  return found;
};
const APP_SERVICES = ['rag-chatbot-prod', 'rag-chatbot-prod-new', 'rag-chatbot-prod-rollback'];

void test('compose has every runbook service with its ports and profiles', () => {
  // docker-compose 1.29 (Debian's, the runbook's command) rejects a top-level `name:`.
  assert.equal(compose.name, undefined);
  const expected: Record<string, { ports: string[]; profiles: string[] }> = {
    'rag-chatbot-prod': { ports: ['0.0.0.0:7860:7860', '0.0.0.0:8000:8000'], profiles: [] },
    'rag-chatbot-prod-new': { ports: ['0.0.0.0:7861:7860', '0.0.0.0:8001:8000'], profiles: ['full'] },
    'rag-chatbot-prod-rollback': { ports: ['0.0.0.0:7862:7860', '0.0.0.0:8002:8000'], profiles: ['full'] },
    monitoring: { ports: ['0.0.0.0:9090:9090'], profiles: ['full', 'monitoring'] },
    alertmanager: { ports: ['0.0.0.0:9093:9093'], profiles: ['full', 'monitoring'] },
    grafana: { ports: ['0.0.0.0:3000:3000'], profiles: ['full', 'monitoring'] },
    redis: { ports: ['127.0.0.1:6379:6379'], profiles: ['full'] },
    'node-exporter': { ports: [], profiles: ['full', 'monitoring'] },
    'redis-exporter': { ports: [], profiles: ['full', 'monitoring'] },
  };
  assert.deepEqual(Object.keys(compose.services).sort(), Object.keys(expected).sort());
  for (const [name, want] of Object.entries(expected)) {
    const s = service(name);
    assert.deepEqual((s.ports ?? []).map(withDefaults), want.ports, `${name} ports`);
    // Every port is published on PUBLISH_ADDR (127.0.0.1 keeps a stack local) except Redis, always loopback.
    for (const port of s.ports ?? []) assert.match(port, name === 'redis' ? /^127\.0\.0\.1:/ : /^\$\{PUBLISH_ADDR:-0\.0\.0\.0\}:/, `${name} ${port}`);
    assert.deepEqual([...(s.profiles ?? [])].sort(), want.profiles, `${name} profiles`);
  }
  // Third-party images are selected through variables (the Docker test sets them to local builds).
  const images: Record<string, RegExp> = {
    monitoring: /^\$\{PROMETHEUS_IMAGE:-prom\/prometheus:v[\d.]+\}$/, alertmanager: /^\$\{ALERTMANAGER_IMAGE:-prom\/alertmanager:v[\d.]+\}$/,
    grafana: /^\$\{GRAFANA_IMAGE:-grafana\/grafana:[\d.]+\}$/, redis: /^\$\{REDIS_IMAGE:-redis:7-alpine\}$/,
    'node-exporter': /^\$\{NODE_EXPORTER_IMAGE:-prom\/node-exporter:v[\d.]+\}$/, 'redis-exporter': /^\$\{REDIS_EXPORTER_IMAGE:-oliver006\/redis_exporter:v[\d.]+\}$/,
  };
  for (const [name, pattern] of Object.entries(images)) assert.match(service(name).image ?? '', pattern, `${name} image`);
  assert.ok(/--maxmemory/.test(JSON.stringify(service('redis'))), 'redis has maxmemory');
});

void test('app services are hardened: no-new-privileges, read-only root with tmpfs /tmp, .env mounted read-only (not in the environment), healthcheck, data/logs/backups/config volumes', () => {
  for (const name of APP_SERVICES) {
    const s = service(name);
    assert.ok(s.security_opt?.includes('no-new-privileges:true'), `${name} no-new-privileges`);
    assert.equal(s.read_only, true, `${name} read_only`);
    assert.deepEqual(s.tmpfs, ['/tmp'], `${name} tmpfs`);
    assert.equal(s.env_file, undefined, `${name}: no env_file (its values would show in docker inspect)`);
    assert.ok(s.volumes?.includes('./.env:/app/.env:ro'), `${name} mounts .env read-only where bin/propo reads it`);
    assert.match(JSON.stringify(s.healthcheck?.test), /127\.0\.0\.1:7860\/health/, `${name} healthcheck`);
    const mounts = Object.fromEntries((s.volumes ?? []).map((v) => [v.split(':')[1], v.split(':')[0]]));
    for (const target of ['/app/data', '/app/logs', '/app/backups', '/app/config']) {
      const source = mounts[target];
      assert.ok(source !== undefined && source in compose.volumes, `${name} mounts a named volume at ${target}`);
    }
  }
  for (const [name, s] of Object.entries(compose.services)) {
    assert.ok(s.security_opt?.includes('no-new-privileges:true'), `${name} no-new-privileges`);
  }
});

void test('compose mounts the monitoring files that exist, and its hostnames match prometheus.yml and the Grafana datasource', () => {
  for (const [name, s] of Object.entries(compose.services)) {
    for (const volume of s.volumes ?? []) {
      const source = volume.split(':')[0] ?? '';
      // ./.env is made by the runbook's first step, `cp .env.example .env`.
      const file = source === './.env' ? '.env.example' : source;
      if (source.startsWith('./')) assert.ok(existsSync(join(root, file)), `${name} bind-mounts ${source}`);
    }
  }
  const mounts = (name: string): string[] => (service(name).volumes ?? []).map((v) => v.split(':').slice(0, 2).join(':'));
  assert.ok(mounts('monitoring').includes('./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml'));
  assert.ok(mounts('monitoring').includes('./monitoring/alert_rules.yml:/etc/prometheus/alert_rules.yml'));
  assert.ok(mounts('alertmanager').includes('./monitoring/alertmanager.yml:/etc/alertmanager/alertmanager.yml'));
  assert.ok(mounts('grafana').includes('./monitoring/grafana/provisioning:/etc/grafana/provisioning'));
  const providers = parse(read('monitoring/grafana/provisioning/dashboards/dashboards.yml')) as { providers: { options: { path: string } }[] };
  assert.ok(mounts('grafana').includes(`./monitoring/grafana/dashboards:${providers.providers[0]?.options.path ?? ''}`));

  const prometheus = parse(read('monitoring/prometheus.yml')) as {
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  };
  const hosts = [
    ...prometheus.scrape_configs.filter((job) => job.job_name !== 'prometheus').flatMap((job) => job.static_configs.flatMap((c) => c.targets)),
    ...prometheus.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((c) => c.targets)),
  ];
  for (const target of hosts) assert.ok(compose.services[target.split(':')[0] ?? ''], `prometheus target ${target} is a compose service`);
  assert.ok(hosts.includes(`rag-chatbot-prod:${service('rag-chatbot-prod').environment?.METRICS_PORT ?? ''}`), 'app is scraped on METRICS_PORT');
  const datasource = parse(read('monitoring/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { url: string }[] };
  assert.ok(compose.services[new URL(datasource.datasources[0]?.url ?? 'http://x').hostname], 'Grafana datasource host is a compose service');
});

void test('every environment variable set in compose is a Propo ENV_BINDINGS name or documented for its third-party image', () => {
  // Variables documented by the images' own docs (grafana: GF_<SECTION>_<KEY>; oliver006/redis_exporter: REDIS_*).
  const thirdParty: Record<string, RegExp> = {
    grafana: /^GF_[A-Z0-9_]+$/,
    'redis-exporter': /^(REDIS_ADDR|REDIS_USER|REDIS_PASSWORD|REDIS_EXPORTER_[A-Z_]+)$/,
  };
  for (const [name, s] of Object.entries(compose.services)) {
    for (const key of Object.keys(s.environment ?? {})) {
      const allowed = APP_SERVICES.includes(name) ? envBindingNames.has(key) : (thirdParty[name]?.test(key) ?? false);
      assert.ok(allowed, `service ${name}: environment ${key} is neither in ENV_BINDINGS nor documented for its image`);
    }
  }
  assert.equal(service('rag-chatbot-prod').environment?.PROPO_DATA_DIR, '/app/data');
  assert.equal(service('rag-chatbot-prod').environment?.PROPO_LOG_DIR, '/app/logs');
});
