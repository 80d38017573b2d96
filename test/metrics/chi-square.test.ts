import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chiSquareSurvival, gammaQ, logGamma } from '../../src/metrics/chi-square.js';
import { cochranQ } from '../../src/metrics/cochran.js';
import { exactMcNemar } from '../../src/metrics/mcnemar.js';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

describe('chi-square survival from the regularised incomplete gamma', () => {
  it('log Γ matches factorials and Γ(½) = √π', () => {
    close(logGamma(1), 0, 1e-13, 'Γ(1)');
    close(logGamma(5), Math.log(24), 1e-12, 'Γ(5)');
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12, 'Γ(½)');
    close(logGamma(101), 363.73937555556347, 1e-9, 'Γ(101) = 100!');
  });
  it('matches published critical values (the 0.05, 0.01 and 0.001 points of the χ² table)', () => {
    const table: [number, number, number][] = [
      [3.841459, 1, 0.05],
      [6.634897, 1, 0.01],
      [10.827566, 1, 0.001],
      [5.991465, 2, 0.05],
      [7.814728, 3, 0.05],
      [11.070498, 5, 0.05],
      [15.086272, 5, 0.01],
      [20.515006, 5, 0.001],
      [18.307038, 10, 0.05],
      [124.342113, 100, 0.05],
    ];
    for (const [x, df, p] of table) close(chiSquareSurvival(x, df), p, p * 1e-5, `χ²(${df}) > ${x}`);
  });
  it('matches closed forms: df 2 is exp(−x/2); Q(1, x) = e^−x; df 1 is 2(1 − Φ(√x))', () => {
    for (const x of [0.1, 1, 2, 7.3, 40]) close(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13, `df 2 at ${x}`);
    for (const x of [0.5, 3, 12]) close(gammaQ(1, x), Math.exp(-x), 1e-13, `Q(1, ${x})`);
    close(chiSquareSurvival(1, 1), 0.31731050786291415, 1e-12, 'df 1 at 1 (|Z| > 1)');
    close(chiSquareSurvival(4, 1), 0.04550026389635842, 1e-12, 'df 1 at 4 (|Z| > 2)');
  });
  it('is 1 at 0 and falls monotonically', () => {
    assert.equal(chiSquareSurvival(0, 5), 1);
    let prev = 1;
    for (let x = 0.25; x < 60; x += 0.25) {
      const p = chiSquareSurvival(x, 5);
      assert.ok(p <= prev && p >= 0, `monotone at ${x}`);
      prev = p;
    }
  });
});

describe("Cochran's Q", () => {
  it('matches a hand-worked example', () => {
    // 4 cases × 3 groups: rows (1,1,0), (1,0,0), (1,1,1), (1,0,0).
    // C = (4, 2, 1), N = 7, ΣC² = 21, ΣR² = 4 + 1 + 9 + 1 = 15.
    // Q = 2·(3·21 − 49) / (3·7 − 15) = 28 / 6 = 4.6667, df 2, p = exp(−Q/2).
    const r = cochranQ([4, 2, 1], 15);
    close(r.q, 14 / 3, 1e-12, 'Q');
    assert.equal(r.df, 2);
    close(r.p, Math.exp(-7 / 3), 1e-12, 'p');
  });
  it('equals the uncorrected McNemar χ² for two groups, and gives p = 1 when no case differs', () => {
    // 10 cases: b = 6 (first right only), c = 1, 3 both right. C = (9, 4), ΣR² = 6 + 1 + 3·4 = 19.
    const r = cochranQ([9, 4], 19);
    close(r.q, (6 - 1) ** 2 / (6 + 1), 1e-12, 'Q = (b − c)² / (b + c)');
    assert.deepEqual(cochranQ([5, 5, 5], 5 * 9), { q: 0, df: 2, p: 1 });
    assert.ok(exactMcNemar(6, 1) > r.p, 'the exact test kept for two groups is more conservative than the χ² approximation here');
  });
});
