/** Test assertion: records read back from a store equal the originals (vectors within a tolerance). */
import assert from 'node:assert/strict';
import type { VectorRecord } from '../core/domain/index.ts';

export function assertSameRecords(back: readonly VectorRecord[], originals: readonly VectorRecord[], tolerance: number): void {
  for (const [i, copy] of back.entries()) {
    const { vector, ...rest } = copy;
    const { vector: original, ...expected } = originals[i] as VectorRecord;
    assert.deepEqual({ ...rest, expert: rest.expert ?? null }, expected);
    Array.from(vector).forEach((value, d) => assert.ok(Math.abs(value - (original[d] ?? NaN)) < tolerance));
  }
}
