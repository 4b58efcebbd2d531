import { readFileSync } from 'node:fs';
import { createTempApp } from './src/testing/temp-app.ts';
const abstracts = readFileSync('../shared/datasets/scifact/corpus.jsonl', 'utf8').trim().split('\n').slice(0, 120).map((l) => JSON.parse(l));
const { app, cleanup } = await createTempApp();
const stages: Record<string, number> = {};
let t0 = performance.now();
for (const [i, a] of abstracts.entries()) {
  let last = performance.now();
  const start = last;
  await app.ingest({ fileName: `n${i}.md`, bytes: new TextEncoder().encode(`# ${a.title}\n\n${a.text}\n`), onProgress: (p) => { const now = performance.now(); stages[p.stage] = (stages[p.stage] ?? 0) + now - last; last = now; } });
  stages.after = (stages.after ?? 0) + performance.now() - last;
  if (i === 19) { t0 = performance.now(); for (const k of Object.keys(stages)) stages[k] = 0; }
}
const n = abstracts.length - 20;
console.log('ms per file', ((performance.now() - t0) / n).toFixed(1), Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, (v / n).toFixed(1)])));
await app.close(); await cleanup();
