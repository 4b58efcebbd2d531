/**
 * Issue 12, deliverable 2: the core BM25F re-scorer through the real app (SQLite + LanceDB). Two files with the
 * the same body; the one whose title (first paragraph) names the question's subject ranks first with
 * `retrieval.lexical` on, and its statistics follow ingestion (a third file ingested later is found by its title).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp, type TempApp } from '../../src/testing/temp-app.ts';

const body = 'The trial measured outcomes in adults over two years. Outcomes improved in the treated group.';
let t: TempApp;
before(async () => {
  t = await createTempApp();
  const files: Array<[string, string]> = [['sleep.txt', 'Sleep duration in adults.'], ['statins.txt', 'Statins in adults.']];
  for (const [fileName, title] of files) {
    assert.equal((await t.app.ingest({ fileName, bytes: new TextEncoder().encode(`${title}\n\n${body}`) })).status, 'ingested');
  }
});
after(async () => t.cleanup());

const firstFile = async (query: string, lexical: { weight: number }) => {
  const { hits } = await t.app.retrieve(query, { k: 4, mode: 'bm25', lexical: { k1: 0.9, b: 0.75, titleWeight: 2, ...lexical } });
  // The bodies are identical, so only the title can order them (titles ending in "." are not headings cited through their body).
  const top = hits.find((h) => h.paragraph?.text === body);
  return top?.record.file;
};

test('the paragraph under the title that matches the question ranks first (BM25F over paragraph + title)', async () => {
  assert.equal(await firstFile('Do statins improve outcomes in the trial?', { weight: 1 }), 'statins.txt');
  assert.equal(await firstFile('Does sleep duration improve outcomes in the trial?', { weight: 1 }), 'sleep.txt');
});

test('statistics are rebuilt after an ingest: a new file is found through its title', async () => {
  await firstFile('statins outcomes', { weight: 1 });
  assert.equal((await t.app.ingest({ fileName: 'aspirin.txt', bytes: new TextEncoder().encode(`Aspirin in adults.\n\n${body}`) })).status, 'ingested');
  assert.equal(await firstFile('Does aspirin improve outcomes in the trial?', { weight: 1 }), 'aspirin.txt');
});
