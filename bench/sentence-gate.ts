/**
 * Cost of holding LLM text back sentence by sentence (issue 14.6): the citation stream filter
 * alone vs filter + sentence gate, over an ~800-token answer streamed one word per delta, as
 * `streamLlmAnswer` feeds them. Run: `nice node --import ./bin/register.mjs bench/sentence-gate.ts`.
 */
import { CitationStreamFilter } from '../src/core/answer/citation-stream-filter.ts';
import { SentenceGate } from '../src/core/answer/sentence-gate.ts';

const SENTENCE = 'The encoder is composed of a stack of N = 6 identical layers, e.g. as in Fig. 1 [paper.pdf:3:120-245]. ';
const text = SENTENCE.repeat(Math.ceil(4000 / SENTENCE.length));
const deltas = text.match(/\S+\s*/g) ?? [];
const span = { file: 'paper.pdf', page: 3, start: 120, end: 245, text: '', documentId: 'd', propositionId: 'p', paragraphId: 'q' };
const verify = (marker: string) => (marker === '[paper.pdf:3:120-245]' ? span : null);
const runs = Number(process.argv[2] ?? 30);
const filterOnly: number[] = [];
const withGate: number[] = [];
for (let run = 0; run < runs; run++) {
  // Both systems in the same loop, alternating, so machine noise hits both alike.
  let started = performance.now();
  const alone = new CitationStreamFilter(verify);
  for (const delta of deltas) alone.push(delta);
  alone.end();
  filterOnly.push(performance.now() - started);
  started = performance.now();
  const filter = new CitationStreamFilter(verify);
  const gate = new SentenceGate('mark', (sentence) => sentence.includes('[paper.pdf'));
  for (const delta of deltas) gate.push(filter.push(delta));
  gate.push(filter.end());
  gate.end();
  gate.assemble();
  withGate.push(performance.now() - started);
}
const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] ?? 0;
const row = (name: string, values: number[]) => `| ${name} | ${percentile(values, 0.5).toFixed(2)} | ${percentile(values, 0.95).toFixed(2)} |`;
console.log(`${text.length} chars, ${deltas.length} deltas, ${runs} runs\n| path | p50 ms | p95 ms |\n|---|---|---|\n${row('filter only', filterOnly)}\n${row('filter + sentence gate', withGate)}`);
console.log(`ratio p50: ${(percentile(withGate, 0.5) / percentile(filterOnly, 0.5)).toFixed(1)}×; per delta p50 ${(percentile(withGate, 0.5) / deltas.length * 1000).toFixed(1)} µs`);
