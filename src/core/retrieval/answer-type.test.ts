import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerTypePositions, expectedAnswerType } from './answer-type.ts';

test('the expected answer type follows the question word', () => {
  assert.equal(expectedAnswerType('How many layers does the Transformer encoder have?'), 'number');
  assert.equal(expectedAnswerType('What percentage of the vote did he win?'), 'number');
  assert.equal(expectedAnswerType('When was the lens invented?'), 'date');
  assert.equal(expectedAnswerType('In what year did the war end?'), 'date');
  assert.equal(expectedAnswerType('Who invented the Fresnel lens?'), 'person');
  assert.equal(expectedAnswerType('Where is the harbour?'), 'place');
  assert.equal(expectedAnswerType('What does the decoder attend to?'), 'other');
});

test('answer-type tokens the question does not already contain are found', () => {
  const words = new Set(['how', 'many', 'layers', 'encoder']);
  assert.deepEqual(answerTypePositions('number', 'The encoder is composed of a stack of N = 6 identical layers.', words), [9]);
  assert.deepEqual(answerTypePositions('number', 'Each layer has two sub-layers.', words), [3]);
  assert.deepEqual(answerTypePositions('date', 'The lens was invented in 1822 by Fresnel.', new Set()), [5]);
  assert.deepEqual(answerTypePositions('person', 'The lens was invented by Augustin Fresnel.', new Set(['lens'])), [5, 6]);
  assert.deepEqual(answerTypePositions('other', 'Anything at all 42.', new Set()), []);
});
