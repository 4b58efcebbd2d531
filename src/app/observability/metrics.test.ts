import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register as globalRegistry } from 'prom-client';
import { createMetrics } from './metrics.ts';
import { observeRequest } from './observe-request.ts';

/** Parses exposition text into `name{labels} -> value` (comments dropped). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

const EXPECTED = [
  ['http_requests_total', 'counter'], ['http_request_duration_seconds', 'histogram'],
  ['propo_query_stage_seconds', 'histogram'], ['propo_answers_total', 'counter'],
  ['propo_no_match_answers_total', 'counter'], ['propo_llm_tokens_total', 'counter'],
  ['propo_llm_cost_usd_total', 'counter'], ['propo_llm_requests_total', 'counter'],
  ['propo_ingest_documents_total', 'counter'], ['propo_ingest_propositions_total', 'counter'],
  ['propo_citations_rejected_total', 'counter'], ['security_events_total', 'counter'],
  ['rate_limit_hits_total', 'counter'], ['propo_cache_hits_total', 'counter'], ['propo_cache_misses_total', 'counter'],
  ['propo_moe_expert_selections_total', 'counter'], ['propo_moe_gate_decisions_total', 'counter'],
  ['propo_active_chat_sessions', 'gauge'], ['propo_documents', 'gauge'], ['propo_propositions', 'gauge'],
  ['propo_build_info', 'gauge'], ['propo_redis_up', 'gauge'],
] as const;

void test('createMetrics declares every metric with its type, plus process_* and nodejs_* defaults', async () => {
  const text = await createMetrics({ version: '1.2.3' }).registry.metrics();
  for (const [name, type] of EXPECTED) assert.match(text, new RegExp(`^# TYPE ${name} ${type}$`, 'm'), name);
  assert.match(text, /^process_cpu_seconds_total /m);
  assert.match(text, /^nodejs_heap_size_used_bytes /m);
  const values = samples(text);
  assert.equal(values.get('propo_build_info{version="1.2.3"}'), 1);
  assert.equal(values.get('propo_ingest_documents_total{outcome="failed"}'), 0);
  assert.equal(values.get('propo_query_stage_seconds_count{stage="first_token"}'), 0);
});

void test('each app instance has its own registry, not the global default one', async () => {
  const a = createMetrics();
  const b = createMetrics();
  assert.notEqual(a.registry, b.registry);
  assert.notEqual(a.registry, globalRegistry);
  a.answersTotal.inc({ mode: 'llm' }, 3);
  assert.equal(samples(await a.registry.metrics()).get('propo_answers_total{mode="llm"}'), 3);
  assert.equal(samples(await b.registry.metrics()).get('propo_answers_total{mode="llm"}'), 0);
  assert.equal(await globalRegistry.getSingleMetric('propo_answers_total'), undefined);
});

void test('collectDefaultMetrics can be turned off', async () => {
  const text = await createMetrics({ collectDefaultMetrics: false }).registry.metrics();
  assert.doesNotMatch(text, /process_cpu_seconds_total/);
  assert.match(text, /propo_build_info/);
});

void test('observeRequest counts the request and puts its duration in the right bucket', async () => {
  const metrics = createMetrics({ collectDefaultMetrics: false });
  observeRequest(metrics, { method: 'post', route: '/api/chat', status: 200, seconds: 4 });
  observeRequest(metrics, { method: 'POST', route: '/api/chat', status: 200, seconds: 0.2 });
  observeRequest(metrics, { method: 'GET', route: '/health', status: 503, seconds: 0.001 });
  const values = samples(await metrics.registry.metrics());
  const chat = 'method="POST",route="/api/chat",status="200"';
  assert.equal(values.get(`http_requests_total{${chat}}`), 2);
  assert.equal(values.get(`http_request_duration_seconds_bucket{le="2.5",${chat}}`), 1);
  assert.equal(values.get(`http_request_duration_seconds_bucket{le="5",${chat}}`), 2);
  assert.equal(values.get(`http_request_duration_seconds_bucket{le="30",${chat}}`), 2);
  assert.equal(values.get(`http_request_duration_seconds_sum{${chat}}`), 4.2);
  assert.equal(values.get('http_requests_total{method="GET",route="/health",status="503"}'), 1);
});
