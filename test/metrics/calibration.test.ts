import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accumulate } from '../../src/metrics/model-metrics.js';
import { phenotype } from '../../src/metrics/phenotype.js';
import type { Estimate } from '../../src/metrics/wilson.js';
import { populationValues, simContext, simulateAudit, type SimModel } from '../support/sim-audit.js';

/**
 * Every interval a user sees, on simulated audits with clustered answers and
 * a known truth (the population value of each statistic, from one very large
 * simulated audit), must cover the truth in 95% ± 2.5% of fits.
 * CALIBRATION_FITS raises the number of fits (npm run bench runs more).
 */
const FITS = Number(process.env.CALIBRATION_FITS ?? 400);
const N = 240;
const RESAMPLES = 1000;
const MODEL: SimModel = { accuracy: 0.75, noise: 0.05, probes: { distractor: 0.1, lay_voice: 0.25, anchoring: 0.04 }, invalid: 0.03, follow: 0.7, retests: 2 };

/** What the user sees (path into the summary) → the statistic that is its truth. */
const SHOWN: [string, (s: ReturnType<typeof summaryOf>) => Estimate, string][] = [
  ...(
    [
      'accuracyClean',
      'accuracyStressed',
      'mi',
      'miChance',
      'miWorst',
      'pfr',
      'pfrHarmful',
      'pfrBeneficial',
      'pfrLateral',
      'pWrongGivenRight',
      'pRightGivenWrong',
      'pfrInvalid',
      'invalidAgreement',
      'retestFlipRate',
      'pfrExcess',
      'responsiveness',
      'invalidRate',
      'invalidRateStressed',
      'cfi',
    ] as const
  ).map((m) => [m, (s: ReturnType<typeof summaryOf>) => s.metrics[m], m] as [string, (s: ReturnType<typeof summaryOf>) => Estimate, string]),
  ['answerEntropyStressed', (s) => s.metrics.answerEntropyStressed, 'answerEntropyStressed'],
  ...Object.keys(MODEL.probes).flatMap(
    (p) =>
      [
        [`probes.${p}.accuracy`, (s: ReturnType<typeof summaryOf>) => s.probes[p].accuracy, `accuracy.${p}`],
        [`probes.${p}.mi`, (s: ReturnType<typeof summaryOf>) => s.probes[p].mi, `mi.${p}`],
        [`probes.${p}.pfr`, (s: ReturnType<typeof summaryOf>) => s.probes[p].pfr, `pfr.${p}`],
      ] as [string, (s: ReturnType<typeof summaryOf>) => Estimate, string][],
  ),
  ['counterfactuals.sex.cfi', (s) => s.counterfactuals.sex.cfi, 'cfi.sex'],
  ['counterfactuals.sex.editSensitivity', (s) => s.counterfactuals.sex.editSensitivity, 'editSensitivity.sex'],
  ['counterfactuals.sex.cfiExcess', (s) => s.counterfactuals.sex.cfiExcess, 'cfiExcess.sex'],
];

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  let logc = 0;
  let sum = 0;
  for (let x = 0; x <= Math.min(k, n); x++) {
    if (x > 0) logc += Math.log((n - x + 1) / x);
    sum += Math.exp(logc + x * Math.log(p) + (n - x) * Math.log(1 - p));
  }
  return Math.min(1, sum);
}

function summaryOf(model: SimModel, fit: number, resamples = RESAMPLES) {
  const ctx = simContext(model, resamples, fit);
  return accumulate(simulateAudit(model, N, 'fit', fit), ctx).analyse(ctx).summary;
}

describe('intervals cover the truth (seeded simulation of clustered answers)', () => {
  it(`every interval a user sees covers the population value in 95% ± 2.5% of ${FITS} fits`, (t) => {
    const truth = populationValues(MODEL, 200_000);
    const covered: Record<string, number> = Object.fromEntries(SHOWN.map(([name]) => [name, 0]));
    for (let fit = 0; fit < FITS; fit++) {
      const s = summaryOf(MODEL, fit);
      for (const [name, get, stat] of SHOWN) {
        const e = get(s);
        const v = truth[stat];
        assert.ok(e.ci95 && v !== null && v !== undefined, `${name}: interval ${JSON.stringify(e)}, truth ${v}`);
        if (e.ci95[0] <= v && v <= e.ci95[1]) covered[name]++;
      }
    }
    const rates = Object.entries(covered).map(([k, n]) => [k, n / FITS] as const);
    t.diagnostic(rates.map(([k, r]) => `${k} ${(100 * r).toFixed(1)}% (truth ${truth[SHOWN.find(([n]) => n === k)![2]]?.toFixed(4)})`).join('; '));
    // Each coverage is itself estimated from FITS fits: an interval fails when its coverage is shown to lie
    // outside 95% ± 2.5% (exact binomial test against the band's edge, Bonferroni over the intervals).
    const alpha = 0.05 / SHOWN.length;
    const off = rates.filter(([k]) => binomialCdf(covered[k], FITS, 0.925) < alpha || 1 - binomialCdf(covered[k] - 1, FITS, 0.975) < alpha);
    assert.deepEqual(off, [], 'coverage outside 95% ± 2.5%');
    const all = Object.values(covered).reduce((a, b) => a + b, 0) / (FITS * SHOWN.length);
    t.diagnostic(`all intervals together: ${(100 * all).toFixed(1)}%`);
    assert.ok(all >= 0.935 && all <= 0.965, `pooled coverage ${all}`);
  });
});

describe('labels at known distances from a threshold come out as designed, or indeterminate', () => {
  // pfrExcess is driven by the probe replacement rate: far below, at, and far above the labile threshold (0.10).
  const at = (extra: number): SimModel => ({ ...MODEL, invalid: 0, follow: 0.9, probes: { distractor: extra, lay_voice: extra } });
  const FITS_L = Math.max(60, Math.round(FITS / 4));
  const labels = (m: SimModel) => {
    const out: Record<string, number> = {};
    for (let fit = 0; fit < FITS_L; fit++) {
      const s = summaryOf(m, 10_000 + fit);
      const l = phenotype(s).label;
      out[l] = (out[l] ?? 0) + 1;
    }
    return out;
  };
  it('far above the labile threshold: labile, never a confident other label', (t) => {
    const l = labels(at(0.4));
    t.diagnostic(JSON.stringify(l));
    assert.ok((l.labile ?? 0) >= 0.95 * FITS_L, JSON.stringify(l));
  });
  it('well below it: never labile', (t) => {
    const l = labels(at(0.02));
    t.diagnostic(JSON.stringify(l));
    assert.equal(l.labile ?? 0, 0, JSON.stringify(l));
  });
  it('at it: labile or indeterminate, and at most 5% confidently below', (t) => {
    const truth = populationValues(at(0.145), 100_000).pfrExcess!;
    const l = labels(at(0.145));
    t.diagnostic(`true pfrExcess ${truth.toFixed(4)}: ${JSON.stringify(l)}`);
    assert.ok(Math.abs(truth - 0.1) < 0.01, `the model sits at the threshold (${truth})`);
    const confidentBelow = FITS_L - (l.labile ?? 0) - (l.indeterminate ?? 0);
    assert.ok(confidentBelow <= 0.05 * FITS_L, JSON.stringify(l));
  });
});
