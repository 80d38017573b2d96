import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simultaneousIntervals } from '../../src/metrics/simultaneous.js';

const close = (x: number, y: number, msg?: string) => assert.ok(Math.abs(x - y) < 1e-9, `${x} vs ${y} ${msg ?? ''}`);

describe('simultaneous (max-|t|) intervals', () => {
  it('match a hand computation on five replicates', () => {
    const points = [0, 1, 1, 0, null, 0.3, 0.5];
    const reps = [
      [-2, -1, 0, 1, 2], // mean 0, SD √(10/4) = √2.5; |t| = 2, 1, 0, 1, 2 over √2.5
      [1, 1, 1, 1, 4], // mean 1.6, SD √(7.2/4) = √1.8; |t| from the point 1: 0, 0, 0, 0, 3/√1.8 = √5
      [1, 1, 1, 1, 1], // constant and nonzero: [1, 1]
      [0, 0, 0, 0, 0], // constant zero: [0, 0]
      [0, 0, 0, 0, 0], // no point difference: no interval
      [0.1 + 0.2, 0.3, 0.3, 0.3, 0.3], // constant up to rounding: must not blow up the critical value
      [0.5, NaN, 0.5, 0.5, 0.5], // a fifth undefined (over a tenth): no interval
    ].map((r) => Float64Array.from(r));
    const s = simultaneousIntervals(points, reps);
    // T_b = max_k |t_kb| = 2/√2.5, 1/√2.5, 0, 1/√2.5, √5; with five replicates the ⌈0.95·6⌉-th smallest is the largest.
    const c = Math.sqrt(5);
    close(s.critical!, c);
    close(s.se[0]!, Math.sqrt(2.5));
    close(s.se[1]!, Math.sqrt(1.8));
    close(s.intervals[0]![0], -c * Math.sqrt(2.5));
    close(s.intervals[0]![1], c * Math.sqrt(2.5));
    close(s.intervals[1]![0], 1 - c * Math.sqrt(1.8));
    close(s.intervals[1]![1], 1 + c * Math.sqrt(1.8));
    assert.deepEqual(s.intervals.slice(2), [[1, 1], [0, 0], null, [0.3, 0.3], null]);
    assert.equal(s.se[4], null);
    assert.equal(s.se[6], null);
    assert.equal(s.family, 5);
  });

  it('skip an undefined replicate of a comparison in the maximum', () => {
    // Nine of ten defined (exactly the 90% allowed): |t| = 4, 3, 2, 1, 0, 1, 2, 3, 4 over √7.5, the largest taken.
    const s = simultaneousIntervals([5], [Float64Array.from([NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9])]);
    close(s.critical!, 4 / Math.sqrt(7.5));
    close(s.intervals[0]![0], 1);
    close(s.intervals[0]![1], 9);
    assert.equal(s.family, 1);
  });

  it('take the ⌈0.95·(B + 1)⌉-th smallest maximum', () => {
    // Replicates 1…39 around a point of 0: SD √130 (variance of 1…n is n(n + 1)/12), T_b = b/√130; the 38th smallest is 38/√130.
    const s = simultaneousIntervals([0], [Float64Array.from({ length: 39 }, (_, i) => i + 1)]);
    close(s.critical!, 38 / Math.sqrt(130));
    close(s.intervals[0]![0], -38);
    close(s.intervals[0]![1], 38);
  });

  it('give no critical value when nothing varies', () => {
    const s = simultaneousIntervals([0.2, null], [new Float64Array(4).fill(0.2), new Float64Array(4).fill(NaN)]);
    assert.equal(s.critical, null);
    assert.deepEqual(s.intervals, [[0.2, 0.2], null]);
  });
});
