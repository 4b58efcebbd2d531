import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeQuery } from './route-query.ts';

const experts = [
  { label: 'code', centroid: [1, 0, 0] },
  { label: 'personal', centroid: [0, 1, 0] },
  { label: 'technical', centroid: [0, 0, 1] },
];

void describe('routeQuery', () => {
  void it('routes to the nearest experts above the threshold', () => {
    const decision = routeQuery([0.9, 0.43, 0.05], experts, { topK: 2, threshold: 0.3 });
    assert.deepEqual(decision.experts, ['code', 'personal']);
    assert.equal(decision.fallback, false);
    assert.ok(Math.abs((decision.sims['code'] as number) - 0.9) < 1e-9);
  });

  void it('drops a top-k expert below the threshold', () => {
    assert.deepEqual(routeQuery([0.95, 0.2, 0.1], experts, { topK: 2, threshold: 0.3 }).experts, ['code']);
  });

  void it('falls back to all experts when the best similarity is below the threshold', () => {
    const decision = routeQuery([0.2, 0.1, 0.1], experts, { topK: 2, threshold: 0.3 });
    assert.equal(decision.fallback, true);
    assert.equal(decision.reason, 'below-threshold');
    assert.deepEqual(decision.experts, []);
  });

  void it('falls back when the in/out margin is tiny', () => {
    const decision = routeQuery([0.8, 0.45, 0.44], experts, { topK: 2, threshold: 0.3, minMargin: 0.02 });
    assert.equal(decision.reason, 'small-margin');
  });

  void it('throws PROPO_ERR_INTERNAL on a centroid of the wrong size', () => {
    assert.throws(() => routeQuery([1, 0], experts, { topK: 1, threshold: 0 }), (error: { code?: string }) => error.code === 'PROPO_ERR_INTERNAL');
  });
});
