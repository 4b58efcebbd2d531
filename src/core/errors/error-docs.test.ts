import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderErrorDocs } from './render-error-docs.ts';
import { PropoError, toPropoError } from './propo-error.ts';

test('docs/errors.md matches the catalogue (regenerate with scripts/gen-error-docs.ts)', () => {
  assert.equal(readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8'), renderErrorDocs());
});

test('PropoError carries code, status and retryability', () => {
  const error = new PropoError('PROPO_ERR_LLM_RATE_LIMITED', 'slow down');
  assert.equal(error.httpStatus, 429);
  assert.equal(error.isRetryable, true);
  assert.deepEqual(error.toJSON(), { code: 'PROPO_ERR_LLM_RATE_LIMITED', message: 'slow down' });
  assert.equal(toPropoError(new Error('x')).code, 'PROPO_ERR_INTERNAL');
  assert.equal(toPropoError(error), error);
});
