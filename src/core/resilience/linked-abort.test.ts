import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PropoError } from '../errors/index.ts';
import { createLinkedAbort } from './linked-abort.ts';

void describe('createLinkedAbort', () => {
  void it('aborts with PROPO_ERR_ABORTED when the parent aborts, or with the parent PropoError reason', () => {
    const parent = new AbortController();
    const linked = createLinkedAbort({ parent: parent.signal });
    parent.abort();
    assert.equal((linked.signal.reason as PropoError).code, 'PROPO_ERR_ABORTED');
    const outer = new AbortController();
    const timeout = new PropoError('PROPO_ERR_TIMEOUT', 'slow. Retry.');
    const child = createLinkedAbort({ parent: outer.signal });
    outer.abort(timeout);
    assert.equal(child.signal.reason, timeout);
  });

  void it('aborts with the timeout error, unless the timer was cleared', async () => {
    const timed = createLinkedAbort({ timeoutMs: 20 });
    const cleared = createLinkedAbort({ timeoutMs: 20 });
    cleared.clearTimer();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal((timed.signal.reason as PropoError).code, 'PROPO_ERR_TIMEOUT');
    assert.equal(cleared.signal.aborted, false);
    cleared.dispose();
    assert.equal(cleared.signal.aborted, true);
  });
});
