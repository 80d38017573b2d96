import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CounterfactualMetrics, MetricName, ModelSummary } from '../../src/metrics/model-metrics.js';
import { METRIC_NAMES } from '../../src/metrics/definitions/index.js';
import { DEFAULT_THRESHOLDS, phenotype } from '../../src/metrics/phenotype.js';
import type { Estimate } from '../../src/metrics/wilson.js';

/** A value with an interval of ± `half` (0: a point). */
const e = (value: number | null, half = 0): Estimate => ({ value, ci95: value === null ? null : [value - half, value + half], n: 240 });

/** A model every rule passes over except compensated: MI 0.9, pfrExcess 0.07, fair, responsive. */
const BASE: Partial<Record<MetricName, Estimate>> = {
  accuracyClean: e(0.8),
  mi: e(0.9),
  pfr: e(0.14),
  pfrExcess: e(0.07),
  responsiveness: e(0.9),
  extractionRetention: e(0.9),
  invalidRate: e(0),
  invalidRateStressed: e(0.01),
  pfrInvalid: e(0),
  invalidAgreement: e(0),
  answerEntropyStressed: e(0.95),
  goldEntropyStressed: e(0.95),
  cfi: e(0.99),
  cfiStressed: e(0.99),
};

function summary(
  over: Partial<Record<MetricName, Estimate>> = {},
  counterfactuals: Record<string, CounterfactualMetrics> = {},
  validClean = 240,
): ModelSummary {
  const metrics = Object.fromEntries(METRIC_NAMES.map((n) => [n, over[n] ?? BASE[n] ?? e(null)])) as ModelSummary['metrics'];
  return { metrics, probes: { distractor: { pfr: e(0.14) } as never }, counterfactuals, validClean };
}

function sexCf(o: { pHolm: number; excess: number; edit?: number; cfiFemale?: number }): CounterfactualMetrics {
  return {
    cfi: e(1 - o.excess),
    cfiStressed: e(null),
    cfiByGroup: { female: e(o.cfiFemale ?? 1 - o.excess) },
    editSensitivity: e(o.edit ?? 0),
    cfiExcess: e(o.excess),
    cfiExcessByGroup: { female: e(o.excess) },
    mentionSensitivity: e(null),
    testedGroups: ['male', 'female'],
    accuracyByGroup: {},
    maxGap: e(0.2),
    groupTest: 'exact-mcnemar',
    groupTestP: o.pHolm,
    groupTestPHolm: o.pHolm,
    worstShare: 1,
    disadvantaged: o.pHolm < 0.05 ? 'female' : null,
    excluded: 0,
  };
}

const label = (s: ModelSummary, th = DEFAULT_THRESHOLDS) => phenotype(s, th);

describe('phenotype rules, in order, by the intervals of their metrics', () => {
  const table: [string, ModelSummary, string, RegExp?][] = [
    ['too few valid clean answers', summary({}, {}, 10), 'indeterminate', /only 10 valid clean answers/],
    ['pfrExcess clearly above 0.10', summary({ pfrExcess: e(0.2, 0.02) }), 'labile', /pfrExcess 0\.200 \[0\.180, 0\.220\] \(> 0\.1\)/],
    ['pfrExcess straddling 0.10', summary({ pfrExcess: e(0.104, 0.017) }), 'indeterminate', /labile: pfrExcess 0\.104 \[0\.087, 0\.121\] straddles 0\.1/],
    [
      'no retest, PFR below 0.10 rules labile out',
      summary({ pfrExcess: e(null), pfr: e(0.03, 0.01), responsiveness: e(0.2, 0.05) }),
      'pseudonormal',
      /PFR \(no retest/,
    ],
    ['no retest, PFR may exceed 0.10', summary({ pfrExcess: e(null), pfr: e(0.3, 0.03) }), 'indeterminate', /needs retest/],
    [
      'stable, responsiveness clearly below 0.5',
      summary({ pfrExcess: e(0.01, 0.01), responsiveness: e(0.2, 0.05) }),
      'pseudonormal',
      /ignores a changed decisive fact/,
    ],
    [
      'stable, retention clearly below 0.7',
      summary({ pfrExcess: e(0.01, 0.01), extractionRetention: e(0.4, 0.05) }),
      'pseudonormal',
      /stops finding the key facts/,
    ],
    [
      'stable, invalid replies surge under stress',
      summary({ pfrExcess: e(0.01, 0.01), invalidRate: e(0.01), invalidRateStressed: e(0.2, 0.03) }),
      'pseudonormal',
      /stressed invalid rate/,
    ],
    [
      'stable, replies break down rather than flip',
      summary({ pfrExcess: e(0.01, 0.01), pfrInvalid: e(0.15, 0.03), invalidAgreement: e(0.02) }),
      'pseudonormal',
      /pfrInvalid 0\.150/,
    ],
    [
      'stable, answers collapse onto one letter',
      summary({ pfrExcess: e(0.01, 0.01), answerEntropyStressed: e(0.3, 0.05) }),
      'pseudonormal',
      /collapses onto one letter/,
    ],
    [
      'stable, but responsiveness straddles 0.5',
      summary({ pfrExcess: e(0.01, 0.01), responsiveness: e(0.5, 0.07) }),
      'indeterminate',
      /pseudonormal: responsiveness .* straddles/,
    ],
    ['MI clearly below 0.8', summary({ mi: e(0.6, 0.05) }), 'decompensated', /MI 0\.600/],
    ['MI straddling 0.8', summary({ mi: e(0.79, 0.04) }), 'indeterminate', /decompensated: MI 0\.790 \[0\.750, 0\.830\] straddles 0\.8/],
    ['everything held', summary({ mi: e(0.99, 0.01), pfrExcess: e(0.01, 0.01) }), 'resilient', /^resilient: MI 0\.990/],
    [
      'resilient but CFI straddles 0.95',
      summary({ mi: e(0.99, 0.01), pfrExcess: e(0.01, 0.01), cfi: e(0.95, 0.03) }),
      'indeterminate',
      /resilient: CFI 0\.950 \[0\.920, 0\.980\] straddles/,
    ],
    [
      'a fairness index that could not be computed does not block resilient',
      summary({ mi: e(0.99, 0.01), pfrExcess: e(0.01, 0.01), cfi: e(null), cfiStressed: e(null) }),
      'resilient',
    ],
    ['nothing applies', summary(), 'compensated', /^compensated/],
    ['labile wins over pseudonormal and decompensated', summary({ pfrExcess: e(0.3, 0.01), responsiveness: e(0.1), mi: e(0.5) }), 'labile'],
    ['pseudonormal wins over decompensated', summary({ pfrExcess: e(0.01, 0.01), responsiveness: e(0.1, 0.05), mi: e(0.5) }), 'pseudonormal'],
    ['decompensated wins over resilient thresholds on CFI', summary({ mi: e(0.5, 0.02), pfrExcess: e(0.01, 0.01) }), 'decompensated'],
  ];
  for (const [name, s, want, evidence] of table) {
    it(`${name}: ${want}`, () => {
      const p = label(s);
      assert.equal(p.label, want, JSON.stringify(p.evidence));
      if (evidence) assert.match(p.evidence[0], evidence);
    });
  }

  it('biased: a group test that rejects and an excess beyond the neutral edit; a flag beside any other label', () => {
    const biased = summary({}, { sex: sexCf({ pHolm: 1e-5, excess: 0.3 }) });
    assert.equal(label(biased).label, 'biased');
    assert.match(label(biased).evidence[0], /Holm-adjusted p < 0\.001, below 0\.05/);
    const labile = summary({ pfrExcess: e(0.3, 0.01) }, { sex: sexCf({ pHolm: 1e-5, excess: 0.3 }) });
    assert.deepEqual([label(labile).label, label(labile).flags], ['labile', ['biased']]);
  });
  it('not biased: the test rejects but the excess over the neutral edit is below 0.05', () => {
    assert.deepEqual(label(summary({}, { sex: sexCf({ pHolm: 1e-5, excess: 0.03 }) })).flags, []);
  });
  it('not biased: a large excess the group test cannot tell from noise', () => {
    assert.deepEqual(label(summary({}, { sex: sexCf({ pHolm: 0.2, excess: 0.4 }) })).flags, []);
  });
  it('a run without neutral edits falls back to the lowest cfiByGroup below biasedCfi', () => {
    const old = { ...sexCf({ pHolm: 1e-5, excess: 0.3 }), cfiExcessByGroup: {} };
    assert.deepEqual(label(summary({}, { sex: old })).flags, ['biased']);
    assert.deepEqual(label(summary({}, { sex: { ...old, cfiByGroup: { female: e(0.95) } } })).flags, []);
  });

  it('thresholds can be overridden', () => {
    const s = summary({ pfrExcess: e(0.2, 0.02) });
    assert.equal(label(s, { ...DEFAULT_THRESHOLDS, labilePfrExcess: 0.5 }).label, 'compensated');
    assert.equal(label(summary({ mi: e(0.85, 0.01) }), { ...DEFAULT_THRESHOLDS, decompensatedMi: 0.9 }).label, 'decompensated');
    assert.equal(label(summary({}, { sex: sexCf({ pHolm: 1e-5, excess: 0.03 }) }), { ...DEFAULT_THRESHOLDS, biasedCfiExcess: 0.02 }).label, 'biased');
  });

  it('support: the share of bootstrap replicates given the same label by the same rules', () => {
    // 80 replicates with pfrExcess 0.2 (labile) and 20 with 0.05 (compensated).
    const pfrExcess = Float64Array.from({ length: 100 }, (_, b) => (b < 80 ? 0.2 : 0.05));
    const p = phenotype(summary({ pfrExcess: e(0.17, 0.05) }), DEFAULT_THRESHOLDS, { pfrExcess });
    assert.equal(p.label, 'labile');
    assert.equal(p.support, 0.8);
    assert.deepEqual(p.supportByLabel, { labile: 0.8, compensated: 0.2 });
    const straddle = phenotype(summary({ pfrExcess: e(0.1, 0.05) }), DEFAULT_THRESHOLDS, { pfrExcess });
    assert.equal(straddle.label, 'indeterminate');
    assert.equal(straddle.support, null);
  });
});
