import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNavigationList, isNavigationText, isQuotableSentence } from './quotable-sentence.ts';

// issue 12 item 5: table and number debris is never quoted as a sentence.
test('table and number debris is not quotable', () => {
  for (const debris of [
    'LOC LOC LOC error classification top-5 LOC error\ntesting\nmethod network on GT CLS network on predicted CLS',
    'ResNet-34 C 21.53 5.60',
    'Highway [42, 43] 19 2.3M 7.54 (7.72±0.16)',
    '@.5 @[.5, .95] @.5 @[.5, .95]\n41.5 21.2\n48.4 27.2\n49.9 29.9',
    'system net data mAP areo bike bird boat bottle bus',
    '3x3 conv, 512 3x3 conv, 256 3x3 conv, 256',
  ]) assert.equal(isQuotableSentence(debris), false, debris);
});

test('sentences, with their numbers, are quotable', () => {
  for (const sentence of [
    'This leads to 3.57% top-5 error on the test set (Table 5).',
    'The encoder is composed of a stack of N = 6 identical layers.',
    'Using ResNet-101 for predicting classes (4.6% top-5 classification error, Table 4), the top-5 localization error is 14.4%.',
    'Each value in Rust has an owner.',
  ]) assert.equal(isQuotableSentence(sentence), true, sentence);
});

// issue 12 item 5: table-of-contents and navigation text is never an answer (decision 0145).
test('contents-page lines with dotted leaders are not quotable', () => {
  for (const navigation of [
    '1.2 Introduction .......... 5',
    '1.1    Purpose......................................................7\n1.2   Requirements ................................................. 8',
    'Table of Contents\n   1   Introduction ...................................................7\n   1.1    Purpose.......',
    '1 Introduction 3\n2 Model Architecture 5\n2.1 Model Scale Hyperparameters . . . . . . . . . . . . . . . . 6\n2.2 Model Card . . . . . . . 7',
  ]) {
    assert.equal(isNavigationText(navigation), true, navigation);
    assert.equal(isQuotableSentence(navigation), false, navigation);
  }
  assert.equal(isNavigationText('Training took 3.5 days on 8 P100 GPUs.'), false);
  assert.equal(isNavigationText('“Well.... I suppose so,” said Alice.\nShe went on.'), false);
});

test('a list made only of titles is navigation, a list of sentences is not', () => {
  assert.equal(isNavigationList(['Patterns and Matching', 'All the Places Patterns Can Be Used', 'Refutability: Whether a Pattern Might Fail to Match', 'Pattern Syntax']), true);
  assert.equal(isNavigationList(['Each value in Rust has an owner.', 'There can only be one owner at a time.', 'When the owner goes out of scope, the value will be dropped.']), false);
  assert.equal(isNavigationList(['Patterns and Matching', 'What does the @ operator do in Rust patterns?', 'Pattern Syntax']), false);
  assert.equal(isNavigationList(['Patterns and Matching', 'Pattern Syntax']), false);
});
