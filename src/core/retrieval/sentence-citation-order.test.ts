import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentenceCitationOrder } from './sentence-citation-order.ts';

test('weight 0 keeps the paragraph order', () => {
  assert.deepEqual(sentenceCitationOrder([5, null, 0], { weight: 0, window: 6 }), [0, 1, 2]);
});

test('a paragraph whose sentence ranks first moves ahead of one whose sentences rank low', () => {
  assert.deepEqual(sentenceCitationOrder([20, null, 0], { weight: 1, window: 6 }), [2, 0, 1]);
});

test('paragraphs below the window keep their places', () => {
  assert.deepEqual(sentenceCitationOrder([9, 0, 7, 0], { weight: 1, window: 2 }), [1, 0, 2, 3]);
});

test('equal evidence keeps the paragraph order', () => {
  assert.deepEqual(sentenceCitationOrder([null, null, null], { weight: 1, window: 6 }), [0, 1, 2]);
});
