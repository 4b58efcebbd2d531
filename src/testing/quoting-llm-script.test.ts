import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAnswerMessages, buildRewriteMessages } from '../core/answer/build-prompt.ts';
import { parseSources, quotingLlmScript } from './quoting-llm-script.ts';

const sources = [
  { file: 'a.pdf', page: 3, start: 10, end: 40, text: 'The encoder has N = 6 layers', documentId: 'd1', propositionId: 'p1', paragraphId: 'g1' },
  { file: 'b.md', page: 1, start: 0, end: 22, text: 'Each value has an owner.', documentId: 'd2', propositionId: 'p2', paragraphId: 'g2' },
  { file: 'c.txt', page: 2, start: 5, end: 9, text: 'Host', documentId: 'd3', propositionId: 'p3', paragraphId: 'g3' },
];

test('the quoting LLM quotes the first sources of the real answer prompt, each with its citation marker', () => {
  const messages = buildAnswerMessages('How many layers?', sources);
  assert.deepEqual(parseSources(messages.at(-1)?.content ?? '').map((s) => s.cite), ['[a.pdf:3:10-40]', '[b.md:1:0-22]', '[c.txt:2:5-9]']);
  const plan = quotingLlmScript({ quotes: 2 })({ messages });
  assert.equal(plan.text, 'The encoder has N = 6 layers. [a.pdf:3:10-40] Each value has an owner. [b.md:1:0-22]');
  assert.equal(quotingLlmScript()({ messages: buildAnswerMessages('Anything?', []) }).text, 'No strong match found.');
});

test('the quoting LLM answers a rewrite request with the follow-up and the last user question', () => {
  const messages = buildRewriteMessages('And how many heads?', [{ role: 'user', content: 'How many layers does the Transformer have?' }, { role: 'assistant', content: 'Six.' }]);
  assert.equal(quotingLlmScript()({ messages }).text, 'And how many heads? How many layers does the Transformer have?');
});
