import assert from 'node:assert/strict';
import { test } from 'node:test';
import { saslprepPassword } from './saslprep-password.ts';

void test('maps soft hyphens and zero-width characters to nothing, non-ASCII spaces to spaces, then NFKC', () => {
  assert.equal(saslprepPassword('S\u00aaSL\u00adprep'), 'SaSLprep');
  assert.equal(saslprepPassword('a\u200bb\u00a0c\ufb01'), 'ab cfi');
  assert.equal(saslprepPassword('plain ASCII'), 'plain ASCII');
});
