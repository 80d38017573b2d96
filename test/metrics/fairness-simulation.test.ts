import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RACE_VALUES } from '../../src/cases/types.js';
import { accumulate, type MetricsContext } from '../../src/metrics/model-metrics.js';
import { phenotype } from '../../src/metrics/phenotype.js';
import type { ScoredCall } from '../../src/scoring/score.js';
import { Rng } from '../../src/util/rng.js';
import { scoredCall } from '../support/scored-call.js';

/**
 * Synthetic audits with a known truth, run through the real modelSummary and
 * phenotype code. 240 cases, each told for every value of sex (2), race (6)
 * and SES (2; both values are variants, as in free text). A case's latent
 * answer is right with p = 0.75; every ask independently answers at random
 * with p = 0.048, so two asks of the same case differ with p ≈ 0.07 (the
 * retest noise floor the issue names). The fair model stops there; the biased
 * model also turns a right answer wrong, for one race group only, often
 * enough to cost that group 15 accuracy points.
 */
const FITS = 500;
const N = 240;
const RESAMPLES = 200;
const LETTERS = ['A', 'B', 'C', 'D'];
const NOISE = 0.048;
const TARGET = 'black';
const ATTRS = { sex: ['male', 'female'], race_ethnicity: [...RACE_VALUES], ses: ['low', 'high'] } as const;
// Accuracy of one ask with no bias: 0.75·(1 − d) + d/4; the bias removes 0.15 of it.
const BIAS = 0.15 / (0.75 * (1 - NOISE) + NOISE / 4);

const ctx = (seed: number): MetricsContext => ({
  probes: [],
  attributes: ATTRS,
  keyFacts: new Map(),
  excluded: {},
  resamples: RESAMPLES,
  seed,
  optionCount: 4,
});

function simulate(fit: number, biased: boolean): ScoredCall[] {
  const rng = new Rng('fairness-simulation', biased ? 'biased' : 'fair', fit);
  const calls: ScoredCall[] = [];
  for (let i = 0; i < N; i++) {
    const caseId = `c${String(i).padStart(3, '0')}`;
    const gold = rng.pick(LETTERS);
    const wrong = LETTERS.filter((l) => l !== gold);
    const latent = rng.next() < 0.75 ? gold : rng.pick(wrong);
    const own = { sex: rng.pick(ATTRS.sex), race_ethnicity: rng.pick(ATTRS.race_ethnicity) };
    const ask = (condition: string, race: string, cf: { attribute: string; value: string; baseline: string | null; neutral?: boolean } | null) => {
      let letter = rng.next() < NOISE ? rng.pick(LETTERS) : latent;
      if (biased && race === TARGET && letter === gold && rng.next() < BIAS) letter = rng.pick(wrong);
      calls.push(
        scoredCall({
          modelId: 'sim',
          caseId,
          condition,
          letter,
          gold,
          counterfactual: cf ? { attribute: cf.attribute as 'sex', value: cf.value } : null,
          counterfactualBaseline: cf ? cf.baseline : null,
          neutralEdit: cf?.neutral ?? false,
        }),
      );
    };
    // The clean prompt tells the case's own sex and race; counterfactuals change one attribute.
    ask('clean', own.race_ethnicity, null);
    for (const v of ATTRS.sex) if (v !== own.sex) ask('clean', own.race_ethnicity, { attribute: 'sex', value: v, baseline: own.sex });
    for (const v of ATTRS.race_ethnicity)
      if (v !== own.race_ethnicity) ask('clean', v, { attribute: 'race_ethnicity', value: v, baseline: own.race_ethnicity });
    for (const v of ATTRS.ses) ask('clean', own.race_ethnicity, { attribute: 'ses', value: v, baseline: null });
    // The neutral edit of each attribute: the case's own text, reworded where the counterfactual edits are.
    for (const attribute of Object.keys(ATTRS))
      ask('clean', own.race_ethnicity, { attribute, value: 'neutral', baseline: attribute === 'ses' ? null : own[attribute as 'sex'], neutral: true });
  }
  return calls;
}

interface Tally {
  fits: number;
  flagged: number;
  flaggedRace: number;
  named: number;
  namedTarget: number;
  gapExcl: number;
  gapIntervals: number;
  gapExclRace: number;
  gapExclAny: number;
  basicExclRace: number;
  testRejectAny: number;
  meanCfiRule: number;
  cfiRace: number;
}

function run(biased: boolean): Tally {
  const t: Tally = {
    fits: 0,
    flagged: 0,
    flaggedRace: 0,
    named: 0,
    namedTarget: 0,
    gapExcl: 0,
    gapIntervals: 0,
    gapExclRace: 0,
    gapExclAny: 0,
    basicExclRace: 0,
    testRejectAny: 0,
    meanCfiRule: 0,
    cfiRace: 0,
  };
  for (let fit = 0; fit < FITS; fit++) {
    const c = ctx(fit);
    const a = accumulate(simulate(fit, biased), c).analyse(c);
    const s = a.summary;
    const ph = phenotype(s);
    t.fits++;
    if (ph.flags.includes('biased')) t.flagged++;
    if (ph.evidence.some((e) => e.startsWith('biased: the groups of race_ethnicity'))) t.flaggedRace++;
    const race = s.counterfactuals.race_ethnicity;
    t.cfiRace += race.cfi.value!;
    if (race.groupTestPHolm! < 0.05 && race.cfi.value! < 0.9) t.meanCfiRule++;
    if (Object.values(s.counterfactuals).some((x) => x.disadvantaged !== null)) t.named++;
    if (race.disadvantaged === TARGET) t.namedTarget++;
    if (Object.values(s.counterfactuals).some((x) => x.groupTestPHolm! < 0.05)) t.testRejectAny++;
    let any = false;
    for (const [attr, x] of Object.entries(s.counterfactuals)) {
      assert.ok(x.maxGap.ci95, `${attr} has a maxGap interval`);
      t.gapIntervals++;
      if (x.maxGap.ci95[0] > 0) {
        t.gapExcl++;
        any = true;
        if (attr === 'race_ethnicity') t.gapExclRace++;
      }
    }
    if (any) t.gapExclAny++;
    // For comparison only: the basic (pivot) bootstrap interval 2θ̂ − q97.5 of the re-selected max − min.
    const reps = race.testedGroups.map((v) => a.replicates.attributes.race_ethnicity.accuracyByGroup[v]);
    const ranges = Array.from({ length: RESAMPLES }, (_, b) => Math.max(...reps.map((r) => r[b])) - Math.min(...reps.map((r) => r[b]))).sort((x, y) => x - y);
    if (2 * race.maxGap.value! - ranges[Math.ceil(0.975 * RESAMPLES) - 1] > 0) t.basicExclRace++;
  }
  return t;
}

const rate = (k: number, n: number) => `${k}/${n} = ${((100 * k) / n).toFixed(1)}%`;

describe('fairness inference holds its error rate (simulation)', () => {
  it(
    `a fair but noisy model, six race values (the five named ones tested), ${N} cases, ${FITS} fits: biased flag ` +
      'and maxGap intervals excluding 0 in at most 5%',
    (tc) => {
      const t = run(false);
      tc.diagnostic(
        `fair: biased flag ${rate(t.flagged, t.fits)}; any Holm group test < 0.05 ${rate(t.testRejectAny, t.fits)}; any group named ${rate(t.named, t.fits)}`,
      );
      tc.diagnostic(
        `fair: maxGap excludes 0 — race ${rate(t.gapExclRace, t.fits)}, all ` +
          `intervals ${rate(t.gapExcl, t.gapIntervals)}, any attribute ${rate(t.gapExclAny, t.fits)}; basic interval ` +
          `(race) ${rate(t.basicExclRace, t.fits)}; mean race CFI ${(t.cfiRace / t.fits).toFixed(3)}`,
      );
      assert.ok(t.flagged / t.fits <= 0.05, `biased flag ${rate(t.flagged, t.fits)}`);
      assert.ok(t.gapExclRace / t.fits <= 0.05, `race maxGap excludes 0 ${rate(t.gapExclRace, t.fits)}`);
      assert.ok(t.gapExcl / t.gapIntervals <= 0.05, `maxGap excludes 0 ${rate(t.gapExcl, t.gapIntervals)}`);
      assert.ok(t.testRejectAny / t.fits <= 0.05, `Holm group test rejects ${rate(t.testRejectAny, t.fits)}`);
      assert.ok(t.named / t.fits <= 0.05, `a group named disadvantaged ${rate(t.named, t.fits)}`);
    },
  );
  it('a model 15 points less accurate for one race group: flagged biased and that group named in at least 90%', (tc) => {
    const t = run(true);
    tc.diagnostic(
      `biased: flagged ${rate(t.flagged, t.fits)} (on race ${rate(t.flaggedRace, t.fits)}); ${TARGET} ` +
        `named ${rate(t.namedTarget, t.fits)}; race maxGap excludes 0 ${rate(t.gapExclRace, t.fits)}; mean-CFI rule ` +
        `would flag ${rate(t.meanCfiRule, t.fits)}; mean race CFI ${(t.cfiRace / t.fits).toFixed(3)}`,
    );
    assert.ok(t.flaggedRace / t.fits >= 0.9, `flagged biased on race ${rate(t.flaggedRace, t.fits)}`);
    assert.ok(t.namedTarget / t.fits >= 0.9, `${TARGET} named ${rate(t.namedTarget, t.fits)}`);
  });
});
