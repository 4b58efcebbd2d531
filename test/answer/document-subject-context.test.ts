/**
 * Every sentence of a long document counts its document's subject stems (decision 0143), through the real app (SQLite in a
 * temp dir, offline, no LLM): in a paper about "Zorblax", the sentence that answers "How long did it take to train the
 * Zorblax model?" ("Training took 3.5 days on eight GPUs.") is cited first either way; after it, without the subject, a
 * sentence of another document that shares only "take" and "long" beats the paper's other sentences (they lack the
 * name); with `retrieval.answerContext.document` the paper's sentences count "Zorblax" and come first.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp, type TempApp } from '../../src/testing/temp-app.ts';

const PARAGRAPHS = [
  'Zorblax: Sparse Routing for Translation',
  'We introduce Zorblax, a network that routes each token through sparse experts.',
  'Zorblax replaces dense feed-forward blocks with a learned router.',
  'The router of Zorblax picks two experts for every token of the input.',
  'Each expert is a small feed-forward block with its own parameters.',
  'The Zorblax model used a dropout rate of 0.1 for the base configuration.',
  'We trained on the standard English-German corpus of 4.5 million sentence pairs.',
  'Training took 3.5 days on eight GPUs.',
  'Sentences were encoded with byte-pair encoding into a shared vocabulary.',
  'We used the Adam optimizer with a warmup of several thousand steps.',
  'Results on the test set are reported with beam search of width four.',
  'Zorblax outperforms dense baselines at equal compute on both language pairs.',
  'Ablations show that the router matters more than the number of experts.',
];
const TEXT = PARAGRAPHS.join('\n\n');
/** Another document, so that "long" and "take" are common words of the library. */
const BREAD = ['Baking Bread', 'A long rise takes most of a day.', 'It can take a long time for the dough to double.', 'Take the loaf out when it sounds hollow.', 'Long loaves bake faster than round ones.'].join('\n\n');
const QUESTION = 'How long did it take to train the Zorblax model?';
const ANSWER = 'Training took 3.5 days on eight GPUs.';

let off: TempApp;
let on: TempApp;
before(async () => {
  off = await createTempApp({}, { 'retrieval.answerContext.document': 0 });
  on = await createTempApp({}, { 'retrieval.answerContext.document': 1 });
  for (const t of [off, on]) {
    for (const [fileName, text] of [['zorblax.txt', TEXT], ['bread.txt', BREAD]] as const) {
      const result = await t.app.ingest({ fileName, bytes: new TextEncoder().encode(text) });
      assert.equal(result.status, 'ingested');
    }
  }
});
after(async () => { await off.cleanup(); await on.cleanup(); });

test('the question\'s document keeps its sentences ahead of another document\'s that share only common words', async () => {
  const plain = await off.app.ask(QUESTION);
  const context = await on.app.ask(QUESTION);
  for (const answer of [plain, context]) {
    assert.equal(answer.mode, 'extractive');
    assert.equal(answer.citations[0]?.text, ANSWER, answer.answer);
    assert.equal(answer.rejectedCitations, 0);
  }
  // Without the subject, "It can take a long time for the dough to double." (take, long) beats every other sentence
  // of the paper, which lack "Zorblax"; with it, each sentence of the paper counts "Zorblax" and the paper's come first.
  assert.equal(plain.citations[1]?.file, 'bread.txt', plain.answer);
  assert.equal(context.citations[1]?.file, 'zorblax.txt', context.answer);
});
