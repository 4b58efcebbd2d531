/** Prints the extractive answers to the issue-12 smoke questions over the real shared papers (a manual look; `node --import ./bin/register.mjs bench/answer-selection/smoke-questions.ts [search|features]`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempApp, DATASETS } from '../../src/testing/temp-app.ts';

const selector = process.argv[2] ?? 'search';
const t = await createTempApp({}, { 'retrieval.answerSelector': selector });
for (const file of ['pdf/arxiv-1706.03762v5-attention.pdf', 'pdf/arxiv-1512.03385v1-resnet.pdf', 'md/rustbook-ch04-01-what-is-ownership.md']) {
  const r = await t.app.ingest({ fileName: file.split('/')[1] as string, bytes: new Uint8Array(readFileSync(join(DATASETS, 'documents', file))) });
  console.log(file, r.status);
}
for (const q of ['How many layers does the Transformer encoder have?', 'How many attention heads are used?', 'What top-5 error does the ResNet ensemble achieve on ImageNet?', 'What are the ownership rules in Rust?']) {
  const a = await t.app.ask(q);
  console.log(`\n## ${q}\n${a.answer}`);
}
await t.cleanup();
