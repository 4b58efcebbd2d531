/**
 * A section's first sentence counts its heading's terms (decision 0133), through the real app (SQLite + LanceDB in a
 * temp dir, offline, no LLM): under "10.4.5 404 Not Found" the definition "The server has not found anything matching
 * the Request-URI." does not repeat the code; the sentence of the previous section that names it shares more of
 * the question's words. With `retrieval.answerContext.heading` the definition counts the heading's terms in its
 * query-term coverage and is quoted; without it, it is not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp, type TempApp } from '../../src/testing/temp-app.ts';

const TEXT = [
  '10.4.3 402 Payment Required',
  'This code is reserved for future use.',
  '10.4.4 403 Forbidden',
  'The server understood the request, but is refusing to fulfill it. If the server does not wish to make this information available to the client, the status code 404 (Not Found) can be used instead.',
  '10.4.5 404 Not Found',
  'The server has not found anything matching the Request-URI. No indication is given of whether the condition is temporary or permanent.',
  '10.4.6 405 Method Not Allowed',
  'The method specified in the Request-Line is not allowed for the resource identified by the Request-URI.',
].join('\n\n');

const QUESTION = 'What does the 404 Not Found status code mean?';
const DEFINITION = 'The server has not found anything matching the Request-URI.';

let off: TempApp;
let on: TempApp;
before(async () => {
  off = await createTempApp({}, { 'retrieval.answerContext.heading': 0 });
  on = await createTempApp({}, { 'retrieval.answerContext.heading': 1 });
  for (const t of [off, on]) {
    const result = await t.app.ingest({ fileName: 'rfc.txt', bytes: new TextEncoder().encode(TEXT) });
    assert.equal(result.status, 'ingested');
  }
});
after(async () => { await off.cleanup(); await on.cleanup(); });

test('the first sentence of a section counts its heading\'s terms in its coverage, and is quoted', async () => {
  const plain = (await off.app.retrieve(QUESTION)).hits.find((h) => h.record.text === DEFINITION);
  const context = (await on.app.retrieve(QUESTION)).hits.find((h) => h.record.text === DEFINITION);
  assert.ok(plain && context, 'the definition is among the hits either way');
  assert.ok(context.coverage > plain.coverage, `${context.coverage} > ${plain.coverage}`);
  const withHeading = await on.app.ask(QUESTION);
  assert.equal(withHeading.mode, 'extractive');
  assert.ok(withHeading.citations.some((c) => c.text === DEFINITION), withHeading.answer);
  assert.equal(withHeading.rejectedCitations, 0);
  const without = await off.app.ask(QUESTION);
  assert.ok(!without.citations.some((c) => c.text === DEFINITION), `without the heading the definition shares too few of the question's words to be quoted: ${without.answer}`);
});
