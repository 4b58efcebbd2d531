import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependsOnHistory, newNames } from './follow-up-dependence.ts';

test('issue 12: self-contained questions are not follow-ups, whatever came before', () => {
  for (const question of [
    'What is the capital of Australia?', 'How many layers does the Transformer encoder have?', 'Who wrote Frankenstein?',
    'What did Darcy say to his sister?', 'Is there a limit on header size?', 'What does the paper claim that attention does?',
    'What are the three ownership rules?', 'What is the top-5 error of the ensemble?',
  ]) assert.equal(dependsOnHistory(question), false, question);
});

test('pronouns, continuations, "the second one" and questions with nothing of their own depend on the history', () => {
  for (const question of [
    'How wide is it?', 'And the second one?', 'Why?', 'Tell me more.', 'What about ResNet?', 'How many heads does it use?',
    'How does this compare to BERT?', 'Which one is faster?', 'What is that?', 'Can you give an example?', 'And how many attention heads does it use?',
  ]) assert.equal(dependsOnHistory(question), true, question);
});

test('names a follow-up brings in that the history does not have', () => {
  assert.deepEqual(newNames('And what is the capital of Australia?', 'What are the ownership rules in Rust?'), ['australia']);
  assert.deepEqual(newNames('And how does it compare to Rust?', 'What are the ownership rules in Rust?'), []);
  assert.deepEqual(newNames('how wide is it?', 'Tell me about the Hubble mirror'), []);
});
