import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stiOf, thresholdDose } from '../../src/metrics/dose-curve.js';
import type { Ans, CaseRecord } from '../../src/metrics/case-record.js';
import { doseResponse } from '../../src/metrics/dose-response.js';
import { doseShape } from '../../src/metrics/dose-shape.js';
import { modelSummary, type MetricsContext } from '../../src/metrics/model-metrics.js';
import { Rng } from '../../src/util/rng.js';
import type { ScoredCall } from '../../src/scoring/score.js';
import { scoredCall } from '../support/scored-call.js';

const DOSED = [{ probe: 'p', doses: [1, 2, 4].map((dose) => ({ dose, condition: dose === 1 ? 'p' : `p@${dose}` })) }];
const ctx = (over: Partial<MetricsContext> = {}): MetricsContext => ({
  probes: ['p'],
  attributes: {},
  keyFacts: new Map(),
  excluded: {},
  resamples: 1000,
  seed: 3,
  optionCount: 4,
  dosed: DOSED,
  ...over,
});
/** One case: its clean answer and its answer at doses 1, 2 and 4 (true = right; null = invalid). */
const caseCalls = (id: string, clean: boolean, at: (boolean | null)[], conds = ['p', 'p@2', 'p@4']): ScoredCall[] => [
  scoredCall({ caseId: id, condition: 'clean', letter: clean ? 'A' : 'B' }),
  ...at.map((r, k) => scoredCall({ caseId: id, condition: conds[k], letter: r === null ? null : r ? 'A' : 'B' })),
];

describe('the curve (dose-curve.ts)', () => {
  it('STI is the trapezoid area on log2 dose, clamped to [0, 1] and normalised', () => {
    // (1 + 2·0.5 + 0) / 4: on log2, doses 1, 2, 4 are 0, 1, 2.
    assert.equal(stiOf([1, 2, 4], [1, 0.5, 0]), 0.5);
    assert.equal(stiOf([1, 2, 4], [1.3, 1, 1]), 1);
    assert.equal(stiOf([1, 4], [1, 0]), 0.5);
    assert.equal(stiOf([1], [1]), null);
    assert.equal(stiOf([1, 2], [1, null]), null);
  });
  it('the threshold dose is the first with MI below 0.9, else null ("> max")', () => {
    assert.equal(thresholdDose([1, 2, 4], [1, 0.95, 0.89]), 4);
    assert.equal(thresholdDose([1, 2, 4], [0.5, 1, 1]), 1);
    assert.equal(thresholdDose([1, 2, 4], [0.9, 0.9, 0.9]), null);
  });
});

describe('dose response of one model', () => {
  it('accuracy, flips and MI at each dose, STI and threshold dose, on the cases answered at every dose (worked by hand)', () => {
    // 20 cases right clean; 20 right at dose 1, 15 at dose 2, 5 at dose 4. One more case lacks dose 4: not paired.
    const calls = Array.from({ length: 20 }, (_, i) => caseCalls(`c${i}`, true, [true, i < 15, i < 5])).flat();
    calls.push(...caseCalls('x', true, [false, false]));
    const d = modelSummary(calls, ctx()).doseResponse!;
    const p = d.probes.p;
    assert.equal(p.n, 20);
    assert.deepEqual(
      p.points.map((x) => [x.dose, x.accuracy.value, x.flipRate.value, x.mi.value]),
      [
        [1, 1, 0, 1],
        [2, 0.75, 0.25, 0.75],
        [4, 0.25, 0.75, 0.25],
      ],
    );
    // (1 + 2·0.75 + 0.25) / 4
    assert.equal(p.sti.value, 0.6875);
    assert.ok(p.sti.ci95![0] <= 0.6875 && 0.6875 <= p.sti.ci95![1]);
    assert.equal(p.thresholdDose, 2);
    assert.equal(d.sti.value, 0.6875);
    assert.deepEqual(
      p.steps.map((s) => [s.from, s.to, s.up, s.down, s.flagged]),
      [
        [1, 2, 0, 5, false],
        [2, 4, 0, 10, false],
      ],
    );
  });

  it('pools only probes with 20 paired cases or more: a curve on one case is shown, not pooled', () => {
    const two = [...DOSED, { probe: 'q', doses: [1, 2, 4].map((dose) => ({ dose, condition: dose === 1 ? 'q' : `q@${dose}` })) }];
    const calls = Array.from({ length: 20 }, (_, i) => caseCalls(`c${i}`, true, [true, true, true])).flat();
    calls.push(...caseCalls('c0', true, [true, false, false], ['q', 'q@2', 'q@4']));
    const d = modelSummary(calls, ctx({ dosed: two })).doseResponse!;
    assert.equal(d.probes.q.n, 1);
    assert.equal(d.probes.q.thresholdDose, 2);
    assert.deepEqual(d.pooledProbes, ['p']);
    assert.equal(d.sti.value, 1);
    assert.equal(d.shape.label, 'steady');
  });

  it('is absent when no probe ran at two doses', () => {
    const calls = caseCalls('c', true, [true], ['p']);
    assert.equal(modelSummary(calls, ctx({ dosed: [] })).doseResponse, undefined);
  });

  it('flags accuracy rising with the dose beyond chance (Holm-adjusted McNemar), and not a rise within noise', () => {
    const rising = Array.from({ length: 40 }, (_, i) => caseCalls(`c${i}`, true, [i < 10, i < 30, i < 30])).flat();
    const step = modelSummary(rising, ctx()).doseResponse!.probes.p.steps[0];
    assert.equal(step.up, 20);
    assert.equal(step.flagged, true);
    const noise = Array.from({ length: 40 }, (_, i) => caseCalls(`c${i}`, true, [i < 20, i < 22, i < 22])).flat();
    assert.equal(modelSummary(noise, ctx()).doseResponse!.probes.p.steps[0].flagged, false);
  });
});

describe('the shape (dose-shape.ts) reads intervals', () => {
  const mi = (value: number, lo = value, hi = value) => ({ value, ci95: [lo, hi] as [number, number], n: 100 });
  it('brittle, fatigable, steady and undecided', () => {
    assert.equal(
      doseShape(
        [
          { dose: 1, mi: mi(0.6) },
          { dose: 4, mi: mi(0.5) },
        ],
        mi(0.1),
      ).label,
      'brittle',
    );
    assert.equal(
      doseShape(
        [
          { dose: 1, mi: mi(1) },
          { dose: 4, mi: mi(0.6) },
        ],
        mi(0.4, 0.3, 0.5),
      ).label,
      'fatigable',
    );
    assert.equal(
      doseShape(
        [
          { dose: 1, mi: mi(1) },
          { dose: 4, mi: mi(0.98) },
        ],
        mi(0.02, 0, 0.05),
      ).label,
      'steady',
    );
    assert.equal(
      doseShape(
        [
          { dose: 1, mi: mi(0.92, 0.85, 0.97) },
          { dose: 4, mi: mi(0.9) },
        ],
        mi(0),
      ).label,
      'indeterminate',
    );
    assert.equal(
      doseShape(
        [
          { dose: 1, mi: mi(1) },
          { dose: 4, mi: mi(0.9) },
        ],
        mi(0.1, 0.05, 0.15),
      ).label,
      'indeterminate',
    );
  });
});

describe('error rates, by simulation', () => {
  const ans = (right: boolean): Ans => ({
    probs: null,
    optionCount: 4,
    text: right ? 'a' : 'b',
    correct: right,
    letter: right ? 'A' : 'B',
    gold: 'A',
    recall: null,
  });
  /** 240 cases, clean accuracy 0.8; at each dose a case keeps its clean answer with probability `keep` (else a coin flip). */
  const simulate = (rng: Rng, keep: readonly number[]): CaseRecord[] =>
    Array.from({ length: 240 }, () => {
      const clean = rng.next() < 0.8;
      const probes = new Map(keep.map((k, j) => [DOSED[0].doses[j].condition, ans(rng.next() < k ? clean : rng.next() < 0.5)]));
      return { clean: ans(clean), retests: [], probes, cf: new Map(), neutral: new Map(), baseline: new Map() };
    });

  it('a flat curve is flagged non-monotone in at most 5% of 200 fits, and called fatigable rarely', () => {
    const rng = new Rng('dose-null');
    let flagged = 0;
    let fatigable = 0;
    for (let f = 0; f < 200; f++) {
      const d = doseResponse(simulate(rng, [0.9, 0.9, 0.9]), DOSED, 1000, f)!;
      if (d.probes.p.steps.some((s) => s.flagged)) flagged++;
      if (d.shape.label === 'fatigable') fatigable++;
    }
    console.log(`flat curves: ${flagged} of 200 flagged non-monotone, ${fatigable} called fatigable`);
    assert.ok(flagged <= 10, `${flagged} of 200 flat curves flagged`);
    assert.ok(fatigable <= 10, `${fatigable} of 200 flat curves called fatigable`);
  });

  it('STI intervals cover the true STI in about 95% of 200 fits', () => {
    const rng = new Rng('dose-coverage');
    const keep = [0.95, 0.7, 0.4];
    // True MI at a dose: (0.8·(k + (1−k)/2) + 0.2·(1−k)/2) / 0.8.
    const truth = stiOf(
      [1, 2, 4],
      keep.map((k) => (0.8 * (k + (1 - k) / 2) + 0.2 * ((1 - k) / 2)) / 0.8),
    )!;
    let covered = 0;
    for (let f = 0; f < 200; f++) {
      const ci = doseResponse(simulate(rng, keep), DOSED, 1000, f)!.probes.p.sti.ci95!;
      if (ci[0] <= truth && truth <= ci[1]) covered++;
    }
    console.log(`STI interval covered the truth ${truth.toFixed(4)} in ${covered} of 200 fits`);
    // Exact binomial: 95% of 200 lies in [181, 199] with probability above 0.99.
    assert.ok(covered >= 181 && covered <= 199, `covered ${covered} of 200 (truth ${truth.toFixed(3)})`);
  });
});
