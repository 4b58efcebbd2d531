import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { l2Normalize } from '../embed/index.ts';
import { nearestCentroid, sphericalKmeans } from './spherical-kmeans.ts';

const unit = (x: number, y: number) => l2Normalize(Float32Array.from([x, y]));

void describe('sphericalKmeans', () => {
  // Three points near the x axis, three near the y axis, on the unit circle.
  const east = [unit(1, 0.1), unit(1, -0.1), unit(1, 0.05)];
  const north = [unit(0.1, 1), unit(-0.1, 1), unit(0.05, 1)];
  const points = [east[0], north[0], east[1], north[1], east[2], north[2]] as Float32Array[];

  void it('separates two obvious 2-D clusters, whatever the seed', () => {
    for (const seed of [1, 2, 3, 42]) {
      const { assignments, centroids, sizes } = sphericalKmeans(points, 2, { seed });
      assert.deepEqual(sizes, [3, 3]);
      // Points 0, 2, 4 (east) share a cluster; 1, 3, 5 (north) the other.
      assert.equal(new Set([assignments[0], assignments[2], assignments[4]]).size, 1);
      assert.equal(new Set([assignments[1], assignments[3], assignments[5]]).size, 1);
      assert.notEqual(assignments[0], assignments[1]);
      const eastCentroid = centroids[assignments[0] as number] as Float32Array;
      // Mean direction of the east points: angle atan2(0.05/3-ish) ≈ (0.9997, 0.0166).
      assert.ok(eastCentroid[0] as number > 0.99 && Math.abs(eastCentroid[1] as number) < 0.05);
      assert.ok(Math.abs(Math.hypot(eastCentroid[0] as number, eastCentroid[1] as number) - 1) < 1e-6);
    }
  });

  void it('is reproducible for a seed and gives no more clusters than distinct points', () => {
    assert.deepEqual(sphericalKmeans(points, 2, { seed: 9 }).assignments, sphericalKmeans(points, 2, { seed: 9 }).assignments);
    const same = [unit(1, 0), unit(1, 0), unit(1, 0)];
    assert.equal(sphericalKmeans(same, 3).centroids.length, 1);
  });

  void it('nearestCentroid picks the largest cosine', () => {
    assert.deepEqual(nearestCentroid(unit(0.2, 1), [unit(1, 0), unit(0, 1)]).index, 1);
  });
});
