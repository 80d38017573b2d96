import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proportion, wilson } from '../../src/metrics/wilson.js';

describe('wilson', () => {
  it('matches hand-computed intervals', () => {
    // p = 0.5, n = 100: centre 0.5, half-width 1.96*sqrt(0.0025 + 0.000096)/1.0384 = 0.0962
    const [lo, hi] = wilson(50, 100);
    assert.ok(Math.abs(lo - 0.4038) < 1e-4, String(lo));
    assert.ok(Math.abs(hi - 0.5962) < 1e-4, String(hi));
    // 0 of 10: upper bound z²/(n+z²) = 3.8415/13.8415 = 0.2775
    assert.deepEqual(
      wilson(0, 10).map((x) => Math.round(x * 1e4) / 1e4),
      [0, 0.2775],
    );
    assert.deepEqual(
      wilson(10, 10).map((x) => Math.round(x * 1e4) / 1e4),
      [0.7225, 1],
    );
  });
  it('returns null with a reason when there is nothing to count', () => {
    const e = proportion(0, 0, 'no critical variants');
    assert.equal(e.value, null);
    assert.equal(e.reason, 'no critical variants');
  });
});
