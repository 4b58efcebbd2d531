/**
 * Citations chosen across the ranked paragraphs (issue 12 item 1, decision 0080), through the real
 * app (SQLite + LanceDB in a temp dir, offline, no LLM): the answering sentence is the 2nd
 * sentence of the 2nd ranked paragraph; with `retrieval.citeAcross` it is the first citation and
 * the extractive answer leads with it; one paragraph may give two of the first three citations.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp, type TempApp } from '../../src/testing/temp-app.ts';

const TEXT = [
  'The encoder maps the input sequence of the encoder to continuous representations of the encoder. Residual connections surround each of its layers; the layers of the encoder are normalized.',
  'We now describe the model architecture. The encoder is composed of a stack of N = 6 identical layers. Each of them has two sub-layers.',
  'The decoder attends to the output of the encoder. Dropout is applied to the output of each sub-layer.',
  'Training took three days on eight GPUs.',
].join('\n\n');

const QUESTION = 'How many layers does the encoder have?';
const ANSWER = /N = 6 identical layers/u;

let off: TempApp;
let across: TempApp;
before(async () => {
  off = await createTempApp({}, { 'retrieval.citeAcross.window': 0 });
  // Weight 1: in this small text the first paragraph holds both question words in every sentence, and the default
  // rank penalty (2 · ln 2 for the 2nd paragraph) keeps its sentence ahead; the mechanism is what is tested here.
  across = await createTempApp({}, { 'retrieval.citeAcross.window': 6, 'retrieval.citeAcross.paragraphWeight': 1, 'retrieval.citeAcross.documentWeight': 0 });
  for (const t of [off, across]) {
    const result = await t.app.ingest({ fileName: 'model.txt', bytes: new TextEncoder().encode(TEXT) });
    assert.equal(result.status, 'ingested');
  }
});
after(async () => { await off.cleanup(); await across.cleanup(); });

test('the answering sentence of the 2nd ranked paragraph is not cited first one paragraph after another', async () => {
  const { hits } = await off.app.retrieve(QUESTION);
  assert.doesNotMatch(hits[0]?.paragraph?.text ?? '', ANSWER, 'the paragraph that repeats the question words ranks first');
  assert.doesNotMatch(hits[0]?.record.text ?? '', ANSWER);
  const answer = await off.app.ask(QUESTION);
  assert.equal(answer.mode, 'extractive');
  assert.doesNotMatch(answer.citations[0]?.text ?? answer.answer.split('\n')[1] ?? '', ANSWER);
});

test('chosen across paragraphs, the answering sentence is the first citation and leads the extractive answer', async () => {
  const { hits } = await across.app.retrieve(QUESTION);
  assert.match(hits[0]?.record.text ?? '', ANSWER, hits.map((h) => h.record.text).join(' | '));
  assert.doesNotMatch(hits[0]?.paragraph?.text ?? '', /maps the input sequence/u, 'it lies in another paragraph than the first ranked one');
  const answer = await across.app.ask(QUESTION);
  assert.equal(answer.mode, 'extractive');
  assert.match(answer.answer.split('\n')[1] ?? '', /^From model\.txt, page 1: The encoder is composed of a stack of N = 6 identical layers\. \[model\.txt:1:\d+-\d+\]$/u, answer.answer);
  assert.equal(answer.rejectedCitations, 0);
  assert.match(answer.citations[0]?.text ?? '', ANSWER);
});

test('the first citations may take two sentences of one paragraph, and the rest keep paragraph order without repeats', async () => {
  const { hits } = await across.app.retrieve(QUESTION, { k: 10 });
  const ids = hits.map((h) => h.record.id);
  assert.equal(new Set(ids).size, ids.length, 'no proposition is cited twice');
  const plain = await off.app.retrieve(QUESTION, { k: 10 });
  assert.deepEqual(new Set(hits.map((h) => h.record.documentId)), new Set(plain.hits.map((h) => h.record.documentId)));
  // Same pool of paragraphs: the choice moves citations, it does not add or drop paragraphs.
  assert.deepEqual(new Set(hits.map((h) => h.record.paragraphId)), new Set(plain.hits.map((h) => h.record.paragraphId)));
  // A paragraph whose two sentences both win is cited twice among the first three (weight 0: rank costs nothing).
  const flat = await across.app.retrieve('encoder layers residual connections decoder', { k: 6, citeAcross: { ...across.config.retrieval.citeAcross, window: 6, paragraphWeight: 0, score: (_q, groups) => groups.map((g, gi) => g.candidates.map((_, i) => (gi === 0 ? 10 - i : 0))) } });
  const firstThree = flat.hits.slice(0, 3).map((h) => h.record.paragraphId);
  assert.ok(firstThree[0] === firstThree[1], `two of the first paragraph first: ${flat.hits.map((h) => h.record.text).join(' | ')}`);
});
