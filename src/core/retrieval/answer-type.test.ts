import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerTypePositions, countedNumber, definesSubject, expectedAnswerType, givesReason, introducesList, questionShape } from './answer-type.ts';

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

test('the question shape names the counted noun, the defined subject, a reason and a list', () => {
  assert.equal(questionShape('How many identical layers make up the Transformer encoder?').counted, 'layers');
  assert.equal(questionShape('How many TPU v4 chips were used to train PaLM?').counted, 'chips');
  assert.equal(questionShape('How long did it take to train the big model?').duration, true);
  assert.deepEqual(questionShape('What is a match guard in Rust?').subject, ['match', 'guard']);
  assert.deepEqual(questionShape('What is FlashAttention?').subject, ['flashattention']);
  assert.equal(questionShape('Why did the authors choose sinusoidal encodings?').reason, true);
  assert.equal(questionShape('What are the ownership rules in Rust?').list, true);
  assert.equal(questionShape('What is the ownership rule?').list, false);
  assert.deepEqual(questionShape('What does the decoder attend to?'), { counted: null, duration: false, subject: [], reason: false, list: false });
});

test('shape features: a number before the counted noun, a sentence defining the subject, a reason, a list introducer', () => {
  const words = (q: string) => new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const chips = 'How many TPU v4 chips were used to train PaLM?';
  assert.equal(countedNumber(questionShape(chips), 'We trained PaLM on 6144 TPU v4 chips.', words(chips)), 1);
  assert.equal(countedNumber(questionShape(chips), 'PaLM 540B is trained over two TPU v4 Pods.', words(chips)), 0, 'a number, but not of chips');
  const long = 'How long did it take to train the big model?';
  assert.equal(countedNumber(questionShape(long), 'Training took 3.5 days on 8 P100 GPUs.', words(long)), 1);
  assert.equal(countedNumber(questionShape(long), 'The big model used dropout 0.1.', words(long)), 0);
  const guard = questionShape('What is a match guard in Rust?');
  assert.equal(definesSubject(guard, 'A match guard is an additional if condition.'), 1);
  assert.equal(definesSubject(guard, 'The second arm has no match guard and matches anything.'), 0);
  assert.equal(definesSubject(questionShape('What is FlashAttention?'), 'We propose FlashAttention, an IO-aware exact attention algorithm.'), 1);
  assert.equal(givesReason(questionShape('Why did they choose it?'), 'We chose it because it may extrapolate.'), 1);
  assert.equal(givesReason(questionShape('What did they choose?'), 'We chose it because it may extrapolate.'), 0);
  const rules = questionShape('What are the ownership rules in Rust?');
  assert.equal(introducesList(rules, 'Keep these rules in mind as we work through the examples that illustrate them:'), 1);
  assert.equal(introducesList(rules, 'Ownership is a set of rules that govern how a Rust program manages memory.'), 0);
});

test('a passive after the subject and copula is no definition; "is defined as" / "is called" still are (decision 0152)', () => {
  const soft = questionShape('What are soft targets in knowledge distillation?');
  assert.equal(definesSubject(soft, 'The soft targets are obtained by training on the full training set.'), 0);
  assert.equal(definesSubject(soft, 'Soft targets are used to train the small model.'), 0);
  assert.equal(definesSubject(soft, 'Soft targets are the class probabilities of the cumbersome model.'), 1);
  assert.equal(definesSubject(soft, 'Soft targets are defined as the class probabilities of the cumbersome model.'), 1);
  assert.equal(definesSubject(questionShape('What is a match guard?'), 'A match guard is specified after the pattern in a match arm.'), 0);
  assert.equal(definesSubject(questionShape('What is a seed?'), 'A seed is a number that starts a generator.'), 1);
});
