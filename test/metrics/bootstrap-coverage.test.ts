import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterBootstrap } from '../../src/metrics/bootstrap.js';
import { Rng } from '../../src/util/rng.js';

/**
 * Simulation: synthetic audits with a known truth. Each case is answered clean
 * (right with p = 0.8) and under a probe (right with p = 0.7 when clean was
 * right, 0.3 otherwise), so the true MI is 0.7·0.8 + 0.3·0.2 over 0.8 = 0.775,
 * and the true flip rate is 0.8·0.3 + 0.2·0.3 = 0.30.
 */
describe('cluster bootstrap coverage', () => {
  it('covers the true MI and flip rate at the nominal 95% (±2%) over 500 synthetic runs', () => {
    const RUNS = 500;
    const N = 240;
    const rng = new Rng('coverage-simulation');
    const trueMi = (0.8 * 0.7 + 0.2 * 0.3) / 0.8;
    const trueFlip = 0.8 * 0.3 + 0.2 * 0.3;
    let coverMi = 0;
    let coverFlip = 0;
    for (let r = 0; r < RUNS; r++) {
      const rows = Array.from({ length: N }, () => {
        const clean = rng.next() < 0.8 ? 1 : 0;
        const probe = rng.next() < (clean ? 0.7 : 0.3) ? 1 : 0;
        return Float64Array.of(clean, probe, clean !== probe ? 1 : 0, 1);
      });
      const ci = clusterBootstrap(rows, { mi: (t) => (t[0] ? t[1] / t[0] : null), flip: (t) => t[2] / t[3] }, 1000, r);
      if (ci.mi![0] <= trueMi && trueMi <= ci.mi![1]) coverMi++;
      if (ci.flip![0] <= trueFlip && trueFlip <= ci.flip![1]) coverFlip++;
    }
    const rateMi = coverMi / RUNS;
    const rateFlip = coverFlip / RUNS;
    assert.ok(Math.abs(rateMi - 0.95) <= 0.02, `MI coverage ${rateMi}`);
    assert.ok(Math.abs(rateFlip - 0.95) <= 0.02, `flip-rate coverage ${rateFlip}`);
  });
});
