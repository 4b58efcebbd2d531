import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isQuotableSentence } from './quotable-sentence.ts';

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
