import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics } from './metrics.ts';
import { createUnexportedMetrics } from './unexported-metrics.ts';
import { observeRequest } from './observe-request.ts';

test('unexported metrics have every metric createMetrics has, and record nothing', async () => {
  const real = createMetrics({ collectDefaultMetrics: false });
  const quiet = createUnexportedMetrics();
  assert.deepEqual(Object.keys(quiet).sort(), Object.keys(real).sort());
  // The calls the app makes, on each kind of metric.
  quiet.answersTotal.inc({ mode: 'llm' });
  quiet.llmTokensTotal.inc({ kind: 'prompt' }, 12);
  quiet.activeChatSessions.inc();
  quiet.activeChatSessions.dec();
  quiet.documents.set(3);
  quiet.queryStageSeconds.observe({ stage: 'total' }, 0.2);
  quiet.queryStageSeconds.zero({ stage: 'embed' });
  observeRequest(quiet, { method: 'get', route: '/', status: 200, seconds: 0.01 });
  assert.equal(await quiet.registry.metrics(), '');
  assert.match(quiet.registry.contentType, /^text\/plain/);
});
